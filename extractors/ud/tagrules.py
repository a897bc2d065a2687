"""The extraction pipeline's attribute rulers: the trained layer's rules as lookups.

The layer's first attribute ruler (rules learned by `tagmap.py`) sets UPOS and features from the
PTB tag, or from the tag and the lower-cased word. spaCy's AttributeRuler runs them through the
Matcher and, for every token (every token matches a tag rule), builds a Span and parses the
features string: about 3.9x the tokenizer's time. These are the same rules, read from the layer's
`attribute_ruler/patterns`, as two dicts keyed by hashes (word rules over tag rules, as there):
the same UPOS and features, about a tenth of the time. The second ruler (`pos_from_deps`: UPOS by
tag, UPOS and relation, after the parser) likewise, as one dict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

Reading = tuple[int, int]  # (UPOS id, features hash)


def read_patterns(patterns: str) -> tuple[list[dict[str, Any]], str]:
    """The rules of an attribute-ruler `patterns` file, and its path to name in errors."""
    path = Path(patterns)
    if not path.is_file():
        raise FileNotFoundError(f"no attribute-ruler patterns at {path}: run `make model`")
    return srsly.read_msgpack(path), str(path)


@Language.factory("kg_tag_rules", assigns=["token.pos", "token.morph"], default_config={"patterns": None})
def make_tag_rules(nlp: Language, name: str, patterns: str) -> TagRules:
    """`patterns`: a trained pipeline's `attribute_ruler/patterns` file of tag and tag+word rules."""
    return TagRules(nlp, *read_patterns(patterns))


class TagRules:
    def __init__(self, nlp: Language, rules: list[dict[str, Any]], source: str) -> None:
        self.by_tag: dict[int, Reading] = {}
        self.by_word: dict[tuple[int, int], Reading] = {}
        strings, morphology = nlp.vocab.strings, nlp.vocab.morphology
        for rule in rules:
            reading = (int(strings.add(rule["attrs"]["POS"])), int(morphology.add(rule["attrs"].get("MORPH", ""))))
            for pattern in rule["patterns"]:
                if len(pattern) != 1 or not set(pattern[0]) <= {"TAG", "LOWER"} or "TAG" not in pattern[0]:
                    raise ValueError(f"{source}: only one-token TAG or TAG+LOWER rules are supported, got {pattern}")
                tag = int(strings.add(pattern[0]["TAG"]))
                if "LOWER" in pattern[0]:
                    self.by_word[(tag, int(strings.add(pattern[0]["LOWER"])))] = reading
                else:
                    self.by_tag[tag] = reading

    def __call__(self, doc: Doc) -> Doc:
        by_tag, by_word = self.by_tag, self.by_word
        for token in doc:
            reading = by_word.get((token.tag, token.lower)) or by_tag.get(token.tag)
            if reading is not None:
                token.pos, morph = reading
                token.set_morph(morph)  # type: ignore[attr-defined]
        return doc


@Language.factory("kg_relation_rules", assigns=["token.pos"], default_config={"patterns": None})
def make_relation_rules(nlp: Language, name: str, patterns: str) -> RelationRules:
    """`patterns`: a trained pipeline's `pos_from_deps/patterns` file of TAG+POS+DEP -> POS rules."""
    return RelationRules(nlp, *read_patterns(patterns))


class RelationRules:
    def __init__(self, nlp: Language, rules: list[dict[str, Any]], source: str) -> None:
        self.upos: dict[tuple[int, int, int], int] = {}
        strings = nlp.vocab.strings
        for rule in rules:
            if set(rule["attrs"]) != {"POS"}:
                raise ValueError(f"{source}: only rules setting POS are supported, got {rule['attrs']}")
            upos = int(strings.add(rule["attrs"]["POS"]))
            for pattern in rule["patterns"]:
                if len(pattern) != 1 or set(pattern[0]) != {"TAG", "POS", "DEP"}:
                    raise ValueError(f"{source}: only one-token TAG+POS+DEP rules are supported, got {pattern}")
                key = (int(strings.add(pattern[0]["TAG"])), int(strings.add(pattern[0]["POS"])))
                self.upos[(*key, int(strings.add(pattern[0]["DEP"])))] = upos

    def __call__(self, doc: Doc) -> Doc:
        rules = self.upos
        for token in doc:
            upos = rules.get((token.tag, token.pos, token.dep))
            if upos is not None:
                token.pos = upos
        return doc
