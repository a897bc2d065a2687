"""Results: numbers tied to metrics, with LaTeX leftovers, ranges, changes and separators."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction


def results(extraction: Extraction) -> set[tuple[str, str]]:
    return {(r.metric, r.value) for r in extraction.results}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Notably, our VAR-d30 achieves a FID of 1.95 on ImageNet.", {("FID", "1.95")}),
        (
            "VARiant-d16 reaches FID 2.05 while cutting memory consumption by 40-65%.",
            {
                ("FID", "2.05"),
                ("memory consumption", "40-65%"),
            },
        ),
        ("TTM shows significant accuracy gains (12-38\\%) over popular benchmarks.", {("accuracy", "12-38\\%")}),
        (
            "With a compression rate as much as sim50times, MiniMoE preserves sim95\\% GLUE score of the teacher.",
            {
                ("compression rate", "sim50times"),
                ("GLUE score", "sim95\\%"),
            },
        ),
        ("Our kernel delivers 5x higher throughput than the baseline.", {("throughput", "5x")}),
        ("The model improves translation quality by +1.1 BLEU on WMT.", {("BLEU", "+1.1")}),
        ("The total training cost is about 2.2 times 10^{15} FLOPs.", {("FLOPs", "2.2 times 10^{15}")}),
        ("The proposed framework is 1.48x faster than the FP16 implementation.", {("speed", "1.48x")}),
        ("LightWaveS achieves a speedup of 9x to 53x compared to ROCKET.", {("speedup", "9x to 53x")}),
        ("We report a latency of 1,200 ms on the server.", {("latency", "1,200 ms")}),
    ],
)
def test_numbers_tied_to_metrics(extract: Callable[..., Extraction], sentence: str, expected: set) -> None:
    assert expected <= results(extract(sentence))


def test_change_gives_final_value(extract: Callable[..., Extraction]) -> None:
    text = (
        "We propose the Modality Dominance Index (MDI). Applying this method to LLaVA-7B, for instance, "
        "drastically reduces its MDI from 10.23 to a well-balanced value of 0.86."
    )
    found = extract(text).results
    assert any(r.metric == "MDI" and r.value == "10.23" for r in found) or any(r.number == 10.23 for r in found)
    assert not any(r.number == 7 for r in found)  # the 7 of LLaVA-7B is part of a name


def test_from_to_change(extract: Callable[..., Extraction]) -> None:
    (result,) = extract("Our method reduces the perplexity from 10.23 to 0.86 on WikiText.").results
    assert (result.metric, result.value, result.change, result.number) == ("perplexity", "0.86", "from 10.23", 0.86)


def test_thousands_separator_parses(extract: Callable[..., Extraction]) -> None:
    (result,) = extract("The model reaches a throughput of 14,150 tokens per second.").results
    assert result.number == 14150.0


def test_subject_is_the_model_before_the_number(extract: Callable[..., Extraction]) -> None:
    (result,) = extract("On ImageNet, openMaMMUT-L/14 achieves 80.3% zero-shot accuracy.").results
    assert result.subject == "openMaMMUT-L/14"
    assert result.dataset == "ImageNet"


@pytest.mark.parametrize(
    "sentence",
    [
        "We evaluate 4-bit quantization on GPT-4 and LLaMA-7B in 2023.",
        "We comprehensively investigate this question across 34 models and five pretraining datasets.",
    ],
)
def test_numbers_without_metrics_are_not_results(extract: Callable[..., Extraction], sentence: str) -> None:
    assert extract(sentence).results == []


@pytest.mark.parametrize(
    ("sentence", "is_result"),
    [
        ("We pre-train language models having 700M up to 4B parameters.", False),
        ("DEA-Net reaches 41 dB PSNR with only 3.653 M parameters.", True),
    ],
)
def test_model_sizes_are_results_only_when_boasted(
    extract: Callable[..., Extraction], sentence: str, is_result: bool
) -> None:
    counts = [r for r in extract(sentence).results if r.metric == "parameters"]
    assert bool(counts) is is_result
