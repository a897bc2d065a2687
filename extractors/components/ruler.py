"""`kg_span_ruler`: spaCy's SpanRuler behind a cheap text prefilter.

The chip patterns (patterns/*.jsonl) can match only where their first token occurs, and most
abstracts name no chip. Before running the Matcher over every token, one regex over the text asks
whether any pattern's first token could be there at all; a document without one gets the empty span
group the ruler would have given it. The regex is built from the patterns themselves and always
matches a superset of the texts the ruler would match in (so the output is the same): an ORTH value
as itself, a LOWER value in either case, a SHAPE as its characters ("Xdd" -> an upper-case letter and
two digits); any non-ASCII character may stand for a letter or a digit. A first token that extends
another ("Xddd" after "Xdd") adds nothing to the regex. A pattern whose first token
is optional, is a phrase, or tests another attribute turns the prefilter off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc

from extractors.components.text import doc_text
from extractors.resources import PATTERN_DIR, read_jsonl

_NON_ASCII = "\\u0080-\\U0010ffff"
_SHAPE_ATOMS = {"X": f"[A-Z{_NON_ASCII}]", "x": f"[a-z{_NON_ASCII}]", "d": f"[0-9{_NON_ASCII}]"}
Atoms = tuple[str, ...]


def shape_atoms(shape: str) -> Atoms:
    return tuple(_SHAPE_ATOMS.get(char, re.escape(char)) for char in shape)


def exact_atoms(text: str) -> Atoms:
    return tuple(re.escape(char) for char in text)


def lower_atoms(text: str) -> Atoms:
    """A character of a lower-cased token is itself lower-cased, or a non-ASCII one (the Kelvin sign)."""
    return tuple(
        f"[{re.escape(char)}{re.escape(char.upper())}{_NON_ASCII}]" if char.isalpha() else re.escape(char)
        for char in text
    )


_ATTR_ATOMS: dict[str, Callable[[str], Atoms]] = {
    "ORTH": exact_atoms,
    "TEXT": exact_atoms,
    "LOWER": lower_atoms,
    "SHAPE": shape_atoms,
}


def first_token_atoms(pattern: Any) -> list[Atoms] | None:
    """Regex atom sequences one of which occurs in any text the pattern matches; None if unknown."""
    if not isinstance(pattern, list) or not pattern:
        return None
    first = pattern[0]
    if not isinstance(first, dict) or len(first) != 1 or "OP" in first:
        return None
    ((attr, value),) = first.items()
    to_atoms = _ATTR_ATOMS.get(attr)
    values = value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else [value]
    if to_atoms is None or not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        return None
    return [to_atoms(v) for v in values]


def without_extensions(alternatives: list[Atoms]) -> list[Atoms]:
    """Drops every sequence that starts with another one: wherever it occurs, the shorter one does too."""
    unique = list(dict.fromkeys(alternatives))
    return [alt for alt in unique if not any(other != alt and alt[: len(other)] == other for other in unique)]


def prefilter_for(patterns: Iterable[dict[str, Any]]) -> re.Pattern[str] | None:
    """One regex that finds every place a pattern could start; None when the patterns do not allow it."""
    alternatives: list[Atoms] = []
    for pattern in patterns:
        atoms = first_token_atoms(pattern.get("pattern"))
        if atoms is None:
            return None
        alternatives.extend(atoms)
    if not alternatives:
        return None
    return re.compile("|".join("".join(alt) for alt in without_extensions(alternatives)))


class PrefilteredSpanRuler(SpanRuler):
    """A SpanRuler that skips the Matcher for texts in which no pattern could start."""

    prefilter: re.Pattern[str] | None = None

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        self.prefilter = prefilter_for(self.patterns)

    def clear(self) -> None:
        super().clear()
        self.prefilter = None

    def __call__(self, doc: Doc) -> Doc:
        if self.prefilter is not None and self.prefilter.search(doc_text(doc)) is None:
            self.set_annotations(doc, [])
            return doc
        return super().__call__(doc)


def file_patterns(glob: str = "*.jsonl") -> list[dict[str, Any]]:
    """Every span_ruler pattern of the pattern files, with set-valued first tokens expanded."""
    patterns = [pattern for path in sorted(PATTERN_DIR.glob(glob)) for pattern in read_jsonl(path.name)]
    return [expanded for pattern in patterns for expanded in expand_first_token(pattern)]


def expand_first_token(pattern: dict[str, Any]) -> list[dict[str, Any]]:
    """A first token {"ORTH": {"IN": [a, b]}} becomes one pattern per value: the same matches, but
    the Matcher then tests each position by attribute equality instead of a set predicate call
    (a set predicate on the first token costs about as much as three plain patterns)."""
    first, *rest = pattern["pattern"]
    if len(first) != 1 or "OP" in first:
        return [pattern]
    ((attr, value),) = first.items()
    if not isinstance(value, dict) or set(value) != {"IN"}:
        return [pattern]
    return [{**pattern, "pattern": [{attr: option}, *rest]} for option in value["IN"]]


@Language.factory("kg_span_ruler", default_config={"spans_key": "kg_lexicon", "patterns_glob": ""})
def make_prefiltered_span_ruler(nlp: Language, name: str, spans_key: str, patterns_glob: str) -> PrefilteredSpanRuler:
    """The ruler, holding the patterns of the files under patterns/ that match `patterns_glob` (none if empty)."""
    ruler = PrefilteredSpanRuler(nlp, name, spans_key=spans_key)
    if patterns_glob:
        ruler.add_patterns(file_patterns(patterns_glob))
    return ruler
