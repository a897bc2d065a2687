"""Resolves entity candidates into the document's entities, with canonical keys.

Inputs: `doc.spans["kg_lexicon"]` (the built-in span_ruler over lexicons/terms.tsv and
patterns/*.jsonl), `doc.spans["kg_candidates"]` (kg_names) and `doc._.abbreviations`.
Output: `doc.spans["kg_entities"]`, each span with `._.canonical`, `._.family`, `._.size` and
`._.long_form`.

Resolution: abbreviation definitions first (both forms, and every later or earlier use of the
short form), then lexicon matches, then shape/context candidates; longer spans win within a
label; spans of different labels may nest ("ImageNet-1K" inside "ImageNet-1K accuracy") but
never cross.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.components.abbreviations import Definition, definitions_of
from extractors.components.canonical import acronym_key, normalize, split_size
from extractors.components.names import APPOSITION, CONTEXT_LABEL
from extractors.components.text import doc_text, span_text, strip_latex
from extractors.resources import read_tsv, read_words

_VERSION = re.compile(r"^[ -]?(\d{1,2}(?:\.\d{1,2})?(?:-\d+(?:\.\d+)?[BM])?)(?![\w%]|[.,]\d)")
_HARDWARE_NAME_WORD = re.compile(r"^(?:[A-Z][\w+]*|[a-z]?\d[\w.+]*)$")  # Xavier, AGX, 4, 4.0, v3, 888, M2
_MAX_HARDWARE_EXTENSION = 3
_JUNK = re.compile(r"://|www\.|[\[\]{}=<>|]")
_PRIORITY_ABBREVIATION, _PRIORITY_LEXICON, _PRIORITY_SHAPE = 3, 2, 1

for _name in ("canonical", "family", "size", "long_form"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@dataclass(slots=True)
class Candidate:
    start: int  # token offsets
    end: int
    label: str
    priority: int
    long_form: str | None = None
    canonical: str | None = None
    untyped: bool = False  # neither context, shape nor lexicon gave the label: the typer decides
    weak: bool = False  # a name by form or structure alone: resolved last, kept only where the typer knows it

    @property
    def length(self) -> int:
        return self.end - self.start


@Language.factory(
    "kg_entities",
    default_config={
        "lexicon_key": "kg_lexicon",
        "candidates_key": "kg_candidates",
        "output_key": "kg_entities",
        "heads_file": "heads.tsv",
        "stop_file": "generic_names.tsv",
        "function_words_file": "function_words.tsv",
        "default_label": "METHOD",
        "affixes_file": "name_affixes.tsv",
        "hardware_file": "hardware_parts.tsv",
        "untyped_key": "kg_untyped",
        "weak_key": "kg_weak",
    },
)
def make_entities(
    nlp: Language,
    name: str,
    lexicon_key: str,
    candidates_key: str,
    output_key: str,
    heads_file: str,
    stop_file: str,
    function_words_file: str,
    default_label: str,
    affixes_file: str,
    hardware_file: str,
    untyped_key: str,
    weak_key: str,
) -> EntityResolver:
    heads = {row[0]: row[1] for row in read_tsv(heads_file)}  # every use: definitions take any class noun
    stop = read_words(stop_file) | read_words(function_words_file)
    suffixes = [(row[0], row[1]) for row in read_tsv(affixes_file) if row[2] == "suffix" and row[1] != default_label]
    hardware = read_tsv(hardware_file)
    vendors = frozenset(row[0] for row in hardware if row[1] == "vendor")
    resolver = EntityResolver(
        lexicon_key, candidates_key, output_key, heads, stop, default_label, suffixes, vendors, untyped_key, weak_key
    )
    resolver.hardware_heads = frozenset(row[0].lower() for row in hardware if row[1] == "head")
    return resolver


class EntityResolver:
    def __init__(
        self,
        lexicon_key: str,
        candidates_key: str,
        output_key: str,
        heads: dict[str, str],
        stop: frozenset[str],
        default_label: str,
        suffixes: list[tuple[str, str]],
        vendors: frozenset[str],
        untyped_key: str = "kg_untyped",
        weak_key: str = "kg_weak",
    ) -> None:
        self.weak_key = weak_key
        self.suffixes = suffixes
        self.vendors = vendors
        self.lexicon_key = lexicon_key
        self.candidates_key = candidates_key
        self.output_key = output_key
        self.heads = heads
        self.stop = stop
        self.default_label = default_label
        self.untyped_key = untyped_key
        self.hardware_heads: frozenset[str] = frozenset()  # "GPUs", "board": a hardware name stops before them

    def __call__(self, doc: Doc) -> Doc:
        lexicon = [self.from_span(s, _PRIORITY_LEXICON) for s in self.spans(doc, self.lexicon_key)]
        untyped = {(s.start, s.end) for s in self.spans(doc, self.untyped_key)}
        weak = {(s.start, s.end) for s in self.spans(doc, self.weak_key)}
        shapes = [self.from_span(s, _PRIORITY_SHAPE, untyped, weak) for s in self.spans(doc, self.candidates_key)]
        skipped: set[str] = set()
        defined = list(self.from_definitions(doc, definitions_of(doc), lexicon, skipped))
        shapes = [c for c in shapes if doc[c.start : c.end].text.rstrip("s") not in skipped]
        chosen = self.resolve(doc, [*defined, *lexicon, *shapes])
        self.extend_versions(doc, chosen)
        self.extend_vendors(doc, chosen)
        chosen = self.extend_hardware_names(doc, chosen)
        chosen.sort(key=lambda c: c.start)
        doc.spans[self.output_key] = [self.to_span(doc, c) for c in chosen]
        doc.spans[self.untyped_key] = [Span(doc, c.start, c.end, label=c.label) for c in chosen if c.untyped]
        doc.spans[self.weak_key] = [Span(doc, c.start, c.end, label=c.label) for c in chosen if c.weak]
        return doc

    @staticmethod
    def spans(doc: Doc, key: str) -> Iterable[Span]:
        return doc.spans.get(key, [])

    @staticmethod
    def from_span(
        span: Span, priority: int, untyped: set[tuple[int, int]] | None = None, weak: set[tuple[int, int]] | None = None
    ) -> Candidate:
        bounds = (span.start, span.end)
        is_untyped, is_weak = bounds in (untyped or ()), bounds in (weak or ())
        return Candidate(span.start, span.end, span.label_, priority, untyped=is_untyped, weak=is_weak)

    def from_definitions(
        self, doc: Doc, definitions: list[Definition], lexicon: list[Candidate], skipped: set[str]
    ) -> Iterable[Candidate]:
        """Both forms of every definition and every use of the short form, one label per long form."""
        known = {(c.start, c.end): c.label for c in lexicon}
        labels: dict[str, str] = {}
        weak: set[str] = set()  # long forms typed by nothing but the default label
        for definition in definitions:
            short, long = definition.short, definition.long
            label = (
                known.get((long.start, long.end))
                or known.get((short.start, short.end))
                or self.apposition_label(doc, short)
                or self.suffix_label(short.text)
            )
            key = normalize(long.text)
            if label:
                labels.setdefault(key, label)
            else:
                labels.setdefault(key + "\0weak", self.head_label(long))
                if key not in labels and not self.head_known(long):
                    weak.add(key)
        for definition in definitions:
            short, long = definition.short, definition.long
            key = normalize(long.text)
            label = labels.get(key) or labels[key + "\0weak"]
            if label == "-":  # a task or a generic class: "multivariate time series classification (MTSC)"
                skipped.add(short.text.rstrip("s"))
                continue
            untyped = key in weak and key not in labels
            yield Candidate(long.start, long.end, label, _PRIORITY_ABBREVIATION, canonical=key, untyped=untyped)
            pattern = r"(?<![\w\-/])" + re.escape(short.text) + r"s?(?![\w\-])"
            for use in re.finditer(pattern, doc_text(doc)):
                span = doc.char_span(use.start(), use.end(), alignment_mode="expand")
                if span is not None:
                    yield Candidate(span.start, span.end, label, _PRIORITY_ABBREVIATION, long.text, key, untyped)

    @staticmethod
    def apposition_label(doc: Doc, short: Span) -> str | None:
        """ "Tiny Time Mixers (TTM), a small model based on ..." -> MODEL."""
        after = doc_text(doc)[short.end_char : short.end_char + 100].lstrip(")")
        match = APPOSITION.match(after)
        return CONTEXT_LABEL[match.group(1).lower()] if match else None

    def suffix_label(self, short: str) -> str | None:
        """A naming habit of the short form: "DEA-Net" -> MODEL, "LongBench" -> DATASET."""
        return next((label for suffix, label in self.suffixes if short.endswith(suffix) and short != suffix), None)

    def head_label(self, long: Span) -> str:
        last = long.text.replace("-", " ").split()[-1].lower()
        return self.heads.get(last) or self.heads.get(last.rstrip("s")) or self.default_label

    def head_known(self, long: Span) -> bool:
        last = long.text.replace("-", " ").split()[-1].lower()
        return last in self.heads or last.rstrip("s") in self.heads

    def resolve(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        chosen: list[Candidate] = []
        first = _PRIORITY_ABBREVIATION
        for cand in sorted(candidates, key=lambda c: (c.priority != first, c.weak, -c.length, -c.priority, c.start)):
            if not self.acceptable(doc, cand):
                continue
            if cand.weak and any(cand.start < other.end and other.start < cand.end for other in chosen):
                continue  # a name by form alone never nests in another entity ("RAM" in "resistive RAM")
            if all(self.compatible(cand, other) for other in chosen):
                chosen.append(cand)
        return chosen

    def acceptable(self, doc: Doc, cand: Candidate) -> bool:
        text = span_text(doc[cand.start : cand.end])
        if (
            not text.strip()
            or text in self.stop
            or (text.lower() in self.stop and not text.isupper())  # "BEYOND" is a name, "beyond" a word
            or _JUNK.search(strip_latex(text) if "\\" in text else text)
            or text in self.vendors  # a company ("NVIDIA", "AMD"), not a chip: only part of a chip's name
        ):
            return False
        return text.count("(") == text.count(")")

    @staticmethod
    def compatible(new: Candidate, old: Candidate) -> bool:
        if new.end <= old.start or old.end <= new.start:
            return True
        nested = (new.start >= old.start and new.end <= old.end) or (old.start >= new.start and old.end <= new.end)
        same_range = new.start == old.start and new.end == old.end
        return nested and not same_range and new.label != old.label

    @staticmethod
    def extend_versions(doc: Doc, chosen: list[Candidate]) -> None:
        """ "Llama 3.1", "Qwen 3", "LLaMA 2-7B": a model name followed by a version number."""
        for cand in chosen:
            if cand.label != "MODEL" or cand.end >= len(doc):
                continue
            end_char = doc[cand.end - 1].idx + len(doc[cand.end - 1])
            match = _VERSION.match(doc_text(doc)[end_char : end_char + 16])
            if match:
                span = doc.char_span(doc[cand.start].idx, end_char + match.end(), alignment_mode="expand")
                if span is not None:
                    cand.end = span.end

    def extend_vendors(self, doc: Doc, chosen: list[Candidate]) -> None:
        """ "NVIDIA A100 GPU", "GeForce RTX 4090": a chip takes the vendor names right before it."""
        for cand in chosen:
            while cand.label == "HARDWARE" and cand.start > 0 and doc[cand.start - 1].text in self.vendors:
                cand.start -= 1

    def extend_hardware_names(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """ "Jetson AGX Xavier", "Raspberry Pi 4", "H100 SXM", "PCIe 4.0": a hardware name takes the
        name words after it that the parse puts in its noun phrase (attached to it or to a noun after
        it), up to a class word ("board", "GPUs") or another entity; weak names it takes are no longer
        names of their own."""
        if not doc.has_annotation("DEP"):
            return chosen
        covered = {i for cand in chosen if not cand.weak for i in range(cand.start, cand.end)}
        taken: set[int] = set()
        title_end = doc_text(doc).find("\n")
        for cand in chosen:
            if cand.label != "HARDWARE" or doc[cand.start].idx < title_end:
                continue  # a title's capitalised words are Title Case, not a chip's name
            end = cand.end
            while end < len(doc) and end - cand.end < _MAX_HARDWARE_EXTENSION and end not in covered:
                token = doc[end]
                if not self.hardware_name_word(token) or not in_phrase(doc, cand.start, end, token):
                    break
                end += 1
            covered.update(range(cand.end, end))
            taken.update(range(cand.end, end))
            cand.end = end
        return [cand for cand in chosen if not (cand.weak and taken.intersection(range(cand.start, cand.end)))]

    def hardware_name_word(self, token: Token) -> bool:
        """A model number, version or capitalised name part: "AGX", "Xavier", "4", "4.0", "SXM"."""
        text = token.text
        if token.is_sent_start or token.lower_ in self.hardware_heads or text.lower() in self.stop:
            return False
        return bool(_HARDWARE_NAME_WORD.match(text)) and token.pos_ in ("PROPN", "NOUN", "NUM", "ADJ", "X")

    @staticmethod
    def to_span(doc: Doc, cand: Candidate) -> Span:
        span = Span(doc, cand.start, cand.end, label=cand.label)
        text = span_text(span).rstrip(".,;:").removesuffix("'s")
        span._.canonical = cand.canonical or (acronym_key(text) if text.isupper() else normalize(text))
        span._.long_form = cand.long_form
        if cand.label == "MODEL":
            span._.family, span._.size = split_size(text)
        return span


def in_phrase(doc: Doc, start: int, end: int, token: Token) -> bool:
    """Whether the parse puts `token`, right after `doc[start:end]`, in the same noun phrase: it
    attaches to the span or to a word after it, or a word of the span attaches to it."""
    return token.head.i > token.i or start <= token.head.i < end or any(t.head.i == token.i for t in doc[start:end])
