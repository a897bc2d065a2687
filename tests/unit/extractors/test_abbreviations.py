"""Abbreviation definitions, from real corpus sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors.components.abbreviations import find_long_form, find_title_long_form, looks_like_short_form
from extractors.resources import read_words
from kg.model import Extraction


@pytest.mark.parametrize(
    ("short", "before", "long"),
    [
        ("MDI", "we propose two evaluation metrics: the Modality Dominance Index", "Modality Dominance Index"),
        ("MoE", "We explore this relationship in the context of sparse Mixture-of-Experts", "Mixture-of-Experts"),
        ("GNNs", "Graph Neural Networks", "Graph Neural Networks"),
        ("PTQ", "Post-training quantization", "Post-training quantization"),
        ("LRA", "On longer sequence tasks in the Long Range Arena", "Long Range Arena"),
        ("DeepJSCC", "deep joint source and channel coding", "deep joint source and channel coding"),
    ],
)
def test_long_form_is_found(short: str, before: str, long: str) -> None:
    start = find_long_form(short, before)
    assert start is not None
    assert before[start:] == long


@pytest.mark.parametrize(
    ("text", "expected"), [("MDI", True), ("MoE", True), ("GPT4", True), ("the", False), ("a", False)]
)
def test_short_form_shape(text: str, expected: bool) -> None:
    assert looks_like_short_form(text) is expected


def test_short_and_long_forms_share_the_long_forms_key(extract: Callable[..., Extraction]) -> None:
    text = (
        "To measure this imbalance, we propose two evaluation metrics: the Modality Dominance Index (MDI) "
        "and the Attention Efficiency Index (AEI). Applying this method to LLaVA-7B drastically reduces its MDI."
    )
    found = {(e.text, e.label.value): e for e in extract(text).entities}
    assert ("Modality Dominance Index", "METRIC") in found
    short = found[("MDI", "METRIC")]
    assert short.canonical == found[("Modality Dominance Index", "METRIC")].canonical == "modality-dominance-index"
    assert short.long_form == "Modality Dominance Index"


def test_abbreviation_used_before_its_definition(extract: Callable[..., Extraction]) -> None:
    text = (
        "PTQ of transformer language models faces significant challenges. "
        "Post-training quantization (PTQ) is widely regarded as an efficient compression method."
    )
    uses = [e for e in extract(text).entities if e.text == "PTQ"]
    assert len(uses) == 2
    assert all(e.label.value == "METHOD" and e.canonical == "post-training-quantization" for e in uses)


@pytest.mark.parametrize(
    ("short", "subtitle", "long"),
    [
        ("GRAN", "Gated Recurrent Attention Networks for Sparse Planning", "Gated Recurrent Attention Networks"),
        ("MoLE", "Mixture of Lightweight Experts for Speech", "Mixture of Lightweight Experts"),
        ("QuIP", "Quantization with Incoherence Processing", None),  # stops at "with": no P left for it
        ("TOPAZ", "Towards Open Pretrained Audio Zoos", None),  # a title opener, not a long form
        ("FAST", "Fast Attention Scales Today and Tomorrow on Many Devices", None),  # more words than letters
        ("ZEN", "a zero-shot encoder network", None),  # not capitalised
    ],
)
def test_title_long_form(short: str, subtitle: str, long: str | None) -> None:
    end = find_title_long_form(short, subtitle, read_words("function_words.tsv"))
    assert (subtitle[:end] if end is not None else None) == long


def test_title_definition_labels_the_head_and_its_uses(extract: Callable[..., Extraction]) -> None:
    found = extract(
        "We propose GRAN, which plans over sparse graphs. GRAN halves the search time.",
        "GRAN: Gated Recurrent Attention Networks for Sparse Planning",
    )
    forms = {(e.text, e.canonical) for e in found.entities}
    assert ("Gated Recurrent Attention Networks", "gated-recurrent-attention-network") in forms
    assert ("GRAN", "gated-recurrent-attention-network") in forms
