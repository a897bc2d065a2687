"""Lexicon matches: the terms of `lexicons/terms.tsv` as spans, through two PhraseMatchers.

A built-in `span_ruler` would tokenize each term on its own, and the tokenizer splits some words
differently alone than in a sentence ("ImageNet-1K" alone is two tokens, one inside a sentence),
so this component builds its phrase patterns from both tokenizations. Terms marked `i` match in
any case (LOWER) and in their plural; terms marked `s` match exactly as written (ORTH). Hyphenated
and spaced twins ("Stable-Diffusion") come for free.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractors.resources import read_tsv


def variants(term: str, case: str) -> list[str]:
    """The term, its hyphenated or spaced twin, and for `i` terms the plural."""
    forms = {term, term.replace(" ", "-"), term.replace("-", " ")}
    if case == "i" and not term.endswith("s") and term[-1].isalpha():
        for form in list(forms):
            forms.add(form[:-1] + "ies" if form.endswith("y") and form[-2] not in "aeiou" else form + "s")
    return sorted(forms)


@Language.factory(
    "kg_lexicon",
    default_config={"terms_file": "terms.tsv", "hardware_file": "hardware_parts.tsv", "spans_key": "kg_lexicon"},
)
def make_lexicon(nlp: Language, name: str, terms_file: str, hardware_file: str, spans_key: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, [*read_tsv(terms_file), *device_classes(read_tsv(hardware_file))], spans_key)


def device_classes(rows: list[list[str]]) -> list[list[str]]:
    """Every modifier + head of `hardware_parts.tsv` as a HARDWARE term ("edge devices", "GPU memory")."""
    modifiers = [row[0] for row in rows if row[1] == "modifier"]
    heads = [row[0] for row in rows if row[1] == "head"]
    return [[f"{modifier} {head}", "HARDWARE", "i"] for modifier in modifiers for head in heads]


class LexiconMatcher:
    def __init__(self, nlp: Language, rows: list[list[str]], spans_key: str) -> None:
        self.spans_key = spans_key
        self.any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for row in rows:
            term, label, case = row[0], row[1], row[2] if len(row) > 2 else "i"
            matcher = self.any_case if case == "i" else self.exact
            patterns = []
            for form in variants(term, case):
                # Tokenizer rules depend on case ("1K" splits, "1k" does not): tokenize both ways.
                for text in {form, form.lower()} if case == "i" else {form}:
                    patterns.append(nlp.make_doc(text))
                    if " " not in text:
                        patterns.append(Doc(nlp.vocab, words=[text]))
            matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.any_case(doc), *self.exact(doc)]
        found = [Span(doc, start, end, label=label) for label, start, end in matches]
        spans = list(doc.spans[self.spans_key]) if self.spans_key in doc.spans else []
        doc.spans[self.spans_key] = [*spans, *found]
        return doc
