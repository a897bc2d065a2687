"""Turns `lexicons/terms.tsv` and `patterns/*.jsonl` into span_ruler patterns.

A term marked `i` matches in any case (and in its plural, for lowercase terms); a term marked
`s` matches exactly as written. Multi-word and hyphenated terms are tokenized with the same
tokenizer the pipeline uses, so "mixture-of-experts" matches token by token.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from extractors.resources import PATTERN_DIR, read_jsonl, read_tsv


def term_patterns(nlp: Language, file: str = "terms.tsv") -> list[dict[str, Any]]:
    patterns = []
    for row in read_tsv(file):
        term, label, case = row[0], row[1], row[2] if len(row) > 2 else "i"
        for variant in _variants(term, case):
            key = "LOWER" if case == "i" else "ORTH"
            tokens = [{key: t.text.lower() if case == "i" else t.text} for t in nlp.make_doc(variant)]
            patterns.append({"label": label, "pattern": tokens, "id": f"term:{term}"})
    return patterns


def _variants(term: str, case: str) -> list[str]:
    if case != "i" or term.endswith("s") or not term[-1].isalpha():
        return [term]
    plural = term[:-1] + "ies" if term.endswith("y") and term[-2] not in "aeiou" else term + "s"
    return [term, plural]


def file_patterns() -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for path in sorted(PATTERN_DIR.glob("*.jsonl")):
        patterns.extend(read_jsonl(path.name))
    return patterns
