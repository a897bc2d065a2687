"""Candidates found by shape and context rather than by lexicon.

Two rules, both over the raw text (fast regular expressions, no per-token Python loop):
- *coined names*: words shaped like names (CamelCase `DFormer`, capitals `TULIP`, digits `GPT3.5`,
  size suffixes `VAR-d30`, `ViT-B/16`, `LLaMA-7B`), labelled by the word after them ("... dataset",
  "... model"), by a size suffix (MODEL) or METHOD by default;
- *head phrases*: a head word from `heads.tsv` ("quantization", "attention", "score", "dataset")
  with up to three modifier words before it ("post-training quantization", "X-based Y").
Candidates go to `doc.spans[spans_key]`; the entities component resolves overlaps.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.components.canonical import split_size
from extractors.resources import read_tsv, read_words

_NAME = re.compile(r"(?<![\w\-./\\])([A-Za-z][\w\-+./']*[\w+])(?![\w\-])")
_MODIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9\-/]*$")
_TITLE_WORDS = re.compile(r"^[A-Z][a-z]+(?:-(?:[A-Z][a-z]+|[a-z]{1,3}))+$")
_PREVIOUS_WORD = re.compile(r"(?<![\w\-])([A-Za-z][A-Za-z0-9\-/]*)[ -]$")
_ROMAN = re.compile(r"^[IVX]+$")
_PAREN_SIZE = re.compile(r"^\s?\((\d+(?:\.\d+)?[BMK])\)")
_CONTEXT_LABEL = {
    "dataset": "DATASET",
    "datasets": "DATASET",
    "benchmark": "DATASET",
    "benchmarks": "DATASET",
    "corpus": "DATASET",
    "model": "MODEL",
    "models": "MODEL",
    "checkpoint": "MODEL",
    "checkpoints": "MODEL",
    "score": "METRIC",
    "metric": "METRIC",
}


def is_coined_name(word: str) -> bool:
    """Capitals after the first letter, or a digit next to a letter; not Title-Case compounds."""
    if len(word) < 2 or _ROMAN.match(word) or _TITLE_WORDS.match(word):
        return False
    inner_capital = any(ch.isupper() for ch in word[1:])
    has_digit = any(ch.isdigit() for ch in word)
    return inner_capital or (has_digit and word[0].isupper())


def label_for_name(word: str, next_word: str) -> str:
    """MODEL for sized names or "X model", DATASET for "X dataset"/"X benchmark", else METHOD."""
    by_context = _CONTEXT_LABEL.get(next_word.lower().strip(".,;:"))
    if by_context:
        return by_context
    if split_size(word)[1] is not None:
        return "MODEL"
    return "METHOD"


@Language.factory(
    "kg_names",
    default_config={
        "spans_key": "kg_candidates",
        "heads_file": "heads.tsv",
        "function_words_file": "function_words.tsv",
        "stop_file": "generic_names.tsv",
        "max_modifiers": 3,
    },
)
def make_names(
    nlp: Language,
    name: str,
    spans_key: str,
    heads_file: str,
    function_words_file: str,
    stop_file: str,
    max_modifiers: int,
) -> NameFinder:
    heads = {row[0]: (row[1], int(row[2])) for row in read_tsv(heads_file)}
    return NameFinder(spans_key, heads, read_words(function_words_file), read_words(stop_file), max_modifiers)


class NameFinder:
    def __init__(
        self,
        spans_key: str,
        heads: dict[str, tuple[str, int]],
        function_words: frozenset[str],
        stop_names: frozenset[str],
        max_modifiers: int,
    ) -> None:
        self.spans_key = spans_key
        self.heads = heads
        self.function_words = function_words
        self.stop_names = stop_names
        self.max_modifiers = max_modifiers
        self.head_re = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, heads), key=len, reverse=True)) + r")\b", re.I
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        spans.extend(self.coined_names(doc))
        spans.extend(self.head_phrases(doc))
        doc.spans[self.spans_key] = spans
        return doc

    def coined_names(self, doc: Doc) -> list[Span]:
        text = doc.text
        found = []
        for match in _NAME.finditer(text):
            word = match.group(1).rstrip(".")
            if word in self.stop_names or not is_coined_name(word):
                continue
            end = match.start(1) + len(word)
            size = _PAREN_SIZE.match(text[end : end + 10])
            if size:
                end += size.end()
            next_word = text[end : end + 14].split(maxsplit=1)[0] if text[end : end + 14].strip() else ""
            span = doc.char_span(match.start(1), end, label=label_for_name(word, next_word), alignment_mode="expand")
            if span is not None:
                found.append(span)
        return found

    def head_phrases(self, doc: Doc) -> list[Span]:
        text = doc.text
        found = []
        for match in self.head_re.finditer(text):
            label, needed = self.heads[match.group(1).lower()]
            start = self.modifier_start(text, match.start())
            if start == match.start() and needed:
                continue
            span = doc.char_span(start, match.end(), label=label, alignment_mode="expand")
            if span is not None:
                found.append(span)
        return found

    def modifier_start(self, text: str, head_start: int) -> int:
        """Where the run of up to `max_modifiers` modifier words before the head begins."""
        start = head_start
        for _ in range(self.max_modifiers):
            match = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
            if match is None or not self.is_modifier(match.group(1)):
                break
            start = match.start(1)
        return start

    def is_modifier(self, word: str) -> bool:
        lower = word.lower()
        if not word or not _MODIFIER.match(word) or lower in self.function_words:
            return False
        if lower.endswith("ly") or (lower.endswith("ed") and "-" not in lower and lower not in ("reduced", "mixed")):
            return False
        return lower not in self.heads or lower in ("attention", "learning", "training")
