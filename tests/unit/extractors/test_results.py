"""Results: numbers tied to metrics, with LaTeX leftovers, ranges, changes and separators."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pytest

from extractors.components.results import ResultFinder
from extractors.pipeline import Extractor
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
        # a change noun after the number: the words before it name the metric
        ("Our pruned network gives a 35% energy reduction on the board.", {("energy reduction", "35%")}),
        ("The new schedule yields a 4.1% recall improvement over the default.", {("recall improvement", "4.1%")}),
        ("The adapter brings a 3% absolute gain over the frozen encoder.", {("improvement", "3%")}),
        # a change noun, then of/by, before the number
        ("The agent obtains reward improvements of up to 12% on all mazes.", {("reward improvements", "12%")}),
        # a change verb and its object, then by
        ("Our planner reduces the collision rate by 27% on the simulator.", {("collision rate", "27%")}),
        (
            "The cache lowers peak memory by 30% and wall-clock time by 2x.",
            {("peak memory", "30%"), ("wall-clock time", "2x")},
        ),
        # a rate word, then a metric word
        ("The sampler reaches 4x higher scores than the greedy search.", {("scores", "4x")}),
        # coordinated values share one metric
        ("The student matches the teacher with 0.3 times and 0.1 times parameters.", {("parameters", "0.3 times")}),
        ("Zebra beats Okapi and Tapir by 1.2% and 3.4%, respectively.", {("accuracy", "1.2%"), ("accuracy", "3.4%")}),
        (
            "Both decoders reach similar quality (BLEU 27.1/26.8) on the test split.",
            {("BLEU", "27.1"), ("BLEU", "26.8")},
        ),
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
        # list markers without an opening parenthesis
        "Prior work lowers latency in two ways - 1) early exits, and 2) fixed skipping schedules.",
        # a count of things, far from the metric named elsewhere in the sentence
        "The router keeps its accuracy stable while outperforming 25 tuned baselines on efficiency.",
        "Most models lose accuracy quickly, and all of them fail by 4000 tokens in context.",
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


def test_between_range_is_one_result(extract: Callable[..., Extraction]) -> None:
    found = extract(
        "The validation perplexity of the student stays between approximately 12.5 and 14 for all seeds."
    ).results
    assert [(r.metric, r.value, r.number) for r in found] == [("validation perplexity", "12.5 and 14", 12.5)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The new loss boosts strong baselines by 2 points on every split.",  # what is beaten, not a metric
        "Fine-tuning improves Falcon by 4% on the reading tasks.",  # a name, not a metric
    ],
)
def test_change_objects_that_are_not_metrics(extract: Callable[..., Extraction], sentence: str) -> None:
    assert not any(r.metric in ("strong baselines", "baselines", "Falcon") for r in extract(sentence).results)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a margin tied to the metric its clause names, across the words between
        (
            "Our method improves top-1 accuracy on ImageNet by 2.1 points over the baseline.",
            {("top-1 accuracy", "2.1 points")},
        ),
        (
            "This reduces the memory footprint of the KV cache by 4x while keeping perplexity close to the baseline.",
            {("memory footprint", "4x")},
        ),
        ("Our model achieves an accuracy on GLUE that is 1.5 points higher than BERT.", {("accuracy", "1.5 points")}),
        # not when the metric follows the rate word
        ("It needs 106X less total parameters than the cut in learnable parameters.", {("total parameters", "106X")}),
    ],
)
def test_margins_take_the_metric_named_in_their_clause(
    extract: Callable[..., Extraction], sentence: str, expected: set
) -> None:
    assert expected <= results(extract(sentence))


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        # two changes in one clause: each margin takes the metric of the verb it attaches to
        (
            "This lowers perplexity on WikiText-103 from 18.3 to 16.9 and raises zero-shot accuracy by 3.4 points.",
            {("perplexity", "16.9"), ("zero-shot accuracy", "3.4 points")},
            {("perplexity", "3.4 points"), ("zero-shot accuracy", "16.9")},
        ),
        (
            "Our scheduler reduces latency by 20% and improves throughput by 35% on the same cluster.",
            {("latency", "20%"), ("throughput", "35%")},
            {("latency", "35%")},
        ),
        (
            "The adapter raises the exact match score on SQuAD by 4.2 points over full fine-tuning.",
            {("exact match", "4.2 points")},
            set(),
        ),
        # the metric as the subject of an intransitive change, a hedged margin
        (
            "The error rate on the held-out split falls from 8.1% to 5.6% when the adapter is added.",
            {("error rate", "5.6%")},
            set(),
        ),
        (
            "We find that quantization degrades BLEU by at most 0.4 while memory usage drops by 60%.",
            {("BLEU", "0.4")},
            {("memory usage", "0.4")},
        ),
        (
            "Compared with the baseline, the word error rate is reduced by 12% relative.",
            {("word error rate", "12%")},
            set(),
        ),
    ],
)
def test_changes_take_the_metric_of_their_own_verb(
    extract: Callable[..., Extraction], sentence: str, expected: set, absent: set
) -> None:
    found = results(extract(sentence))
    assert expected <= found
    assert not absent & found


def test_the_parse_links_a_margin_to_its_verbs_metric(extractor: Extractor) -> None:
    """The margin "by 9.5 points" hangs from "increases", whose object is the metric; no parse, no answer."""
    finder = cast(ResultFinder, extractor.nlp.get_pipe("kg_results"))
    doc = extractor.nlp("A study\nThe retrieval module increases recall substantially, by 9.5 points.")
    metrics = [span for span in doc.spans["kg_entities"] if span.label_ == "METRIC"]
    at = doc.text.index("9.5")
    assert finder.argument_of_change(doc, metrics, at) == "recall"
    unparsed = extractor.nlp.make_doc(doc.text)
    assert finder.argument_of_change(unparsed, metrics, at) is None
