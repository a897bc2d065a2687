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
        key = "LOWER" if case == "i" else "ORTH"
        seen: set[tuple[str, ...]] = set()
        for variant in _variants(term, case):
            # The tokenizer may split a word differently alone than in a sentence ("ImageNet-1K"),
            # so a word without spaces also matches as one token.
            for words in ([t.text for t in nlp.make_doc(variant)], variant.split()):
                words = [w.lower() for w in words] if case == "i" else words
                if tuple(words) not in seen:
                    seen.add(tuple(words))
                    patterns.append({"label": label, "pattern": [{key: w} for w in words], "id": f"term:{term}"})
    return patterns


def _variants(term: str, case: str) -> list[str]:
    """The term, its hyphenated or spaced twin ("Stable-Diffusion"), and for `i` terms the plural."""
    forms = {term, term.replace(" ", "-"), term.replace("-", " ")}
    if case == "i" and not term.endswith("s") and term[-1].isalpha():
        for form in list(forms):
            forms.add(form[:-1] + "ies" if form.endswith("y") and form[-2] not in "aeiou" else form + "s")
    return sorted(forms)


def file_patterns() -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for path in sorted(PATTERN_DIR.glob("*.jsonl")):
        patterns.extend(read_jsonl(path.name))
    return patterns
