"""The learned context typer: its shipped weights, what it decides and what it leaves alone."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from extractors.components.typer import LABELS, MODEL_DIR, TypeModel, hashed, parse_features, shape, span_features
from extractors.pipeline import Extractor
from kg.ingest import first_occurrences, read_papers
from kg.model import Extraction


@pytest.fixture(scope="module")
def model() -> TypeModel:
    return TypeModel.load(MODEL_DIR / "typer.npz")


def test_shipped_model_has_weights_and_a_name_prior(model: TypeModel) -> None:
    assert model.weights.shape[1] == len(LABELS)
    assert np.count_nonzero(np.abs(model.weights).max(axis=1)) > 10_000
    assert len(model.prior) > 1_000
    assert all(counts.sum() > 0 for counts in model.prior.values())


@pytest.mark.parametrize(("text", "expected"), [("LLaVA-7B", "XxX-dX"), ("ImageNet", "XxXx"), ("BERT", "X")])
def test_shape_collapses_runs(text: str, expected: str) -> None:
    assert shape(text) == expected


def test_features_read_the_words_around_the_span(extractor: Extractor) -> None:
    doc = extractor.nlp("A study\nWe fine-tune Zorblax on the new corpus.")
    start = next(t.i for t in doc if t.text == "Zorblax")
    features = span_features(doc, start, start + 1)
    assert {"L1:tune", "R1:on", "R2:the", "h:zorblax"} <= set(features)
    assert len(hashed(features)) == len(features)


def test_context_decides_between_data_and_models(model: TypeModel, extractor: Extractor) -> None:
    """The same unseen name reads as data where experiments run on it, as a model where it is trained."""

    def proba(sentence: str) -> dict[str, float]:
        doc = extractor.nlp("A study\n" + sentence)
        start = next(t.i for t in doc if t.text == "QZXW")
        return dict(zip(LABELS, np.exp(model.log_proba(model.columns(doc, start, start + 1))), strict=True))

    as_data = proba("Experiments on QZXW show that our method improves accuracy.")
    as_model = proba("We train QZXW, a 7B language model, and it outperforms larger baselines.")
    assert max(as_data, key=as_data.__getitem__) == "DATASET"
    assert max(as_model, key=as_model.__getitem__) == "MODEL"
    assert as_data["DATASET"] > as_model["DATASET"]


def test_typed_names_keep_the_rules_label(extract: Callable[..., Extraction]) -> None:
    """Names the lexicon or the context typed are not the typer's to change."""
    extraction = extract("We evaluate LLaVA-7B on the ScienceQA benchmark and the COCO dataset.")
    labels = {(e.text, e.label.value) for e in extraction.entities}
    assert {("LLaVA-7B", "MODEL"), ("ScienceQA", "DATASET"), ("COCO", "DATASET")} <= labels


def test_no_two_entities_of_one_label_overlap(extractor: Extractor, corpus_dir: Path) -> None:
    papers = list(first_occurrences(read_papers([corpus_dir])))[:300]
    for extraction in extractor.extract_many(papers):
        spans = sorted((e.start, e.end, e.label) for e in extraction.entities)
        for i, (_, end, label) in enumerate(spans):
            overlapping = [other for other in spans[i + 1 :] if other[0] < end]
            assert all(other[2] != label for other in overlapping), (extraction.paper_id, spans[i], overlapping)


def test_training_never_learns_weak_names(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name prior is built from typed uses only: a weak name (here a lone "SVM") is no example."""
    path = Path(__file__).resolve().parents[3] / "tools" / "train_typer.py"
    spec = importlib.util.spec_from_file_location("train_typer", path)
    assert spec is not None and spec.loader is not None
    train_typer = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "train_typer", train_typer)  # its dataclasses look their module up
    spec.loader.exec_module(train_typer)
    doc = extractor.nlp("A study\nWe replace the LSTM encoder with an SVM over bag-of-words.")
    assert "SVM" in {span.text for span in doc.spans["kg_weak"]}
    examples, mentions = train_typer.Examples(), train_typer.Mentions()
    train_typer.silver(doc, 0, examples, mentions)
    assert "lstm" in mentions.typed
    assert "svm" not in mentions.typed and "svm" not in mentions.untyped


def test_shipped_model_reads_the_parse(model: TypeModel, extractor: Extractor) -> None:
    """The span's place in the dependency parse: relation, head word, preposition, governing verb."""
    assert model.parse
    doc = extractor.nlp("A study\nWe evaluate our method on Zorblax and Quibit.")
    start = next(t.i for t in doc if t.text == "Quibit")
    features = set(parse_features(doc, start, start + 1))
    assert "P:conj" in features  # a later conjunct reads its first conjunct's place
    first = next(t.i for t in doc if t.text == "Zorblax")
    assert features - {"P:conj"} == set(parse_features(doc, first, first + 1))
    assert len(model.columns(doc, start, start + 1)) > len(hashed(span_features(doc, start, start + 1)))


def test_training_leaves_words_of_the_language_out_of_the_prior(monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-word name written in lower case in more abstracts than typed it is a word, not a name."""
    path = Path(__file__).resolve().parents[3] / "tools" / "train_typer.py"
    spec = importlib.util.spec_from_file_location("train_typer", path)
    assert spec is not None and spec.loader is not None
    train_typer = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "train_typer", train_typer)
    spec.loader.exec_module(train_typer)
    prior = {"language": np.array([2.0, 0, 0, 0, 0]), "zorblax": np.array([0, 0, 0, 2.0, 0])}
    texts = ["a language model", "language and vision", "the language of zorblax", "Zorblax results"]
    assert train_typer.plain_words(prior, texts) == {"language"}
