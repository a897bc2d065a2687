"""The extraction pipeline's tag rules, relation rules and lemmatizer (lookups over the trained
layer's files) give what the layer's own attribute rulers and spaCy's lemmatizer give."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import srsly

from extractors.pipeline import Extractor
from extractors.ud import UD_MODEL_DIR
from extractors.ud.tagrules import make_tag_rules
from kg.ingest import first_occurrences, read_papers

CORPUS = Path(__file__).resolve().parents[3] / "data" / "corpus"


def test_lookups_annotate_as_the_layers_own_components(extractor: Extractor) -> None:
    nlp = extractor.nlp
    layer = spacy.load(UD_MODEL_DIR, vocab=nlp.vocab)
    texts = [paper.text for paper in first_occurrences(read_papers([CORPUS]))][:40]
    checked = changed_by_relations = 0
    for doc in nlp.pipe(texts):
        ours = [(t.pos_, str(t.morph), t.lemma_) for t in doc]
        for token in doc:
            token.lemma = 0
        layer.get_pipe("attribute_ruler")(doc)
        after_tags = [t.pos_ for t in doc]
        layer.get_pipe("pos_from_deps")(doc)
        layer.get_pipe("lemmatizer")(doc)
        assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == ours
        checked += len(doc)
        changed_by_relations += sum(a != t.pos_ for a, t in zip(after_tags, doc, strict=True))
    assert checked > 5000 and changed_by_relations > 0


def test_tag_rules_refuse_patterns_they_cannot_apply(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    srsly.write_msgpack(patterns, [{"patterns": [[{"ORTH": "x"}]], "attrs": {"POS": "X"}}])
    with pytest.raises(ValueError, match="only one-token TAG"):
        make_tag_rules(spacy.blank("en"), "t", str(patterns))
