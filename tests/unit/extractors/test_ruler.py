"""The prefiltered span ruler finds exactly what spaCy's SpanRuler finds with the same patterns."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

import extractors.components.ruler  # noqa: F401  (registers kg_span_ruler)
from extractors.components.ruler import file_patterns, prefilter_for

TEXTS = [
    "We train on 8 A100 GPUs and an A100-80G GPU.",
    "Runs on an RTX 4090 and a GTX 1080 in real time.",
    "TPU v4 pods and TPUs v5e were used.",
    "An NVIDIA 3090 GPU, an nvidia 4090 GPU and an Nvidia 2080 GPU.",
    "AMD 7900 GPUs are cheaper.",
    "No hardware is named here, only ResNet and 12 layers.",
    "Ünïcode Ä100 GPU and a K80 on the edge.",
    "",
]


@cache
def ruler_nlp(ruler_name: str) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(ruler_name, config={"spans_key": "kg_lexicon"})
    ruler.add_patterns(file_patterns())  # type: ignore[attr-defined]
    return nlp


PARTS = ["A100", "a100", "RTX", "4090", "GPU", "TPU", "v4", "NVIDIA", "Amd", "K", "80", "Ä", "-", " ", "x"]


def spans_of(ruler_name: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    nlp = ruler_nlp(ruler_name)
    return [[(s.start, s.end, s.label_) for s in doc.spans["kg_lexicon"]] for doc in nlp.pipe(texts)]


def test_same_spans_as_the_plain_span_ruler() -> None:
    assert spans_of("kg_span_ruler", TEXTS) == spans_of("span_ruler", TEXTS)
    assert any(spans_of("kg_span_ruler", TEXTS))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=12))
def test_prefilter_finds_every_text_the_ruler_matches_in(parts: list[str]) -> None:
    text = "".join(parts)
    (spans,) = spans_of("span_ruler", [text])
    prefilter = prefilter_for(file_patterns())
    assert prefilter is not None
    if spans:
        assert prefilter.search(text) is not None


def test_prefilter_skips_text_without_any_first_token() -> None:
    prefilter = prefilter_for(file_patterns())
    assert prefilter is not None
    assert prefilter.search("We fine-tune a language model on three benchmarks.") is None


@pytest.mark.parametrize(
    "pattern",
    [
        [{"ORTH": "A100", "OP": "?"}, {"ORTH": "GPU"}],
        [{"IS_DIGIT": True}],
        "A100 GPU",
    ],
)
def test_patterns_the_prefilter_cannot_read_turn_it_off(pattern: object) -> None:
    assert prefilter_for([*file_patterns(), {"label": "HARDWARE", "pattern": pattern}]) is None
