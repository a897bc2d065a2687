"""Claims: which sentences are the paper's own findings, and their structured reading."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Direction, Extraction, Polarity


def only_claim(extract: Callable[..., Extraction], sentence: str):  # type: ignore[no-untyped-def]
    claims = extract(f"We study this question. {sentence}").claims
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "We show that some of the known pathologies and biases of NMT are due to MAP decoding.",
        "Larger models are significantly more sample-efficient, such that optimally compute-efficient training "
        "involves training very large models on a relatively modest amount of data.",
        "TTM shows significant accuracy gains (12-38\\%) over popular benchmarks in few/zero-shot forecasting.",
        "We pre-train language models having 700M up to 4B parameters, demonstrating that AoE outperforms "
        "traditional MoE models with comparable efficiency.",
    ],
)
def test_findings_are_claims(extract: Callable[..., Extraction], sentence: str) -> None:
    assert [c.text for c in extract(f"We study this question. {sentence}").claims] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Recent studies have revealed a number of pathologies of neural machine translation (NMT) systems.",
        "To address this, we propose Autonomy-of-Experts (AoE), a novel MoE paradigm.",
        "Code is available at https://github.com/sbb-gh/experimental-design-multichannel.",
        "If so, how does inductive bias affect scaling behaviour?",
    ],
)
def test_background_plans_and_links_are_not_claims(extract: Callable[..., Extraction], sentence: str) -> None:
    assert extract(f"We study this question. {sentence}").claims == []


def test_claim_offsets_index_into_paper_text(extract: Callable[..., Extraction]) -> None:
    abstract = "Transformers are popular. We find that wider networks outperform deeper ones."
    (claim,) = extract(abstract, title="Go Wider").claims
    assert f"Go Wider\n{abstract}"[claim.start : claim.end] == claim.text


def test_comparison_between_two_options(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "Our results show that wider networks outperform deeper ones.")
    assert claim.direction == Direction.COMPARE
    assert (claim.preferred, claim.other, claim.factor) == ("width", "depth", "depth vs width")


def test_opposite_comparison_reads_as_the_same_factor(extract: Callable[..., Extraction]) -> None:
    wider = only_claim(extract, "Our results show that wider networks outperform deeper ones.")
    deeper = only_claim(extract, "We find that depth matters more than width.")
    assert wider.factor == deeper.factor
    assert (deeper.preferred, deeper.other) == ("depth", "width")


@pytest.mark.parametrize(
    ("sentence", "factor", "direction", "polarity"),
    [
        ("We find that larger models perform better.", "model size", Direction.MORE, Polarity.IMPROVES),
        (
            "By tuning only the state matrix, we demonstrate that a smaller model can outperform larger models.",
            "model size",
            Direction.LESS,
            Polarity.IMPROVES,
        ),
        ("We find that 4-bit quantization preserves accuracy.", "bit-width", Direction.LESS, Polarity.NO_EFFECT),
        ("We find that 4-bit quantization degrades accuracy.", "bit-width", Direction.LESS, Polarity.HURTS),
        ("We show that longer context reduces perplexity.", "context length", Direction.MORE, Polarity.IMPROVES),
        ("We find that higher sparsity increases the loss.", "sparsity", Direction.MORE, Polarity.HURTS),
    ],
)
def test_reading_factor_direction_polarity(
    extract: Callable[..., Extraction], sentence: str, factor: str, direction: Direction, polarity: Polarity
) -> None:
    claim = only_claim(extract, sentence)
    assert (claim.factor, claim.direction, claim.polarity) == (factor, direction, polarity)


def test_negated_claim_has_no_effect(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "Surprisingly, we find that increasing depth does not improve accuracy.")
    assert (claim.factor, claim.outcome, claim.polarity, claim.negated) == (
        "depth",
        "accuracy",
        Polarity.NO_EFFECT,
        True,
    )


def test_hedged_claim(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "We find that larger models may be more robust.")
    assert claim.hedged and claim.outcome == "robustness"
    assert not only_claim(extract, "We find that larger models are more robust.").hedged


def test_claim_lists_entity_keys(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "We show that LLaVA-7B outperforms CLIP on ImageNet.")
    assert {"llava-7b", "clip", "imagenet"} <= set(claim.entities)


def test_comparison_of_named_models_uses_their_keys(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "We show that LLaVA-7B outperforms existing CLIP models on ImageNet.")
    assert (claim.direction, claim.preferred, claim.other) == (Direction.COMPARE, "llava-7b", "clip")


@pytest.mark.parametrize(
    ("sentence", "outcome", "polarity"),
    [
        (
            "Specifically, HierarchicalPrune achieves 77.5-80.4% memory footprint reduction and 27.9-38.0% latency "
            "reduction, with the minimum drop of 2.6% in GenEval score.",
            "memory",
            Polarity.IMPROVES,
        ),
        (
            "Specifically, we show no loss of accuracy when training with large minibatch sizes up to 8192 images.",
            "accuracy",
            Polarity.NO_EFFECT,
        ),
    ],
)
def test_first_effect_after_the_factor_decides(
    extract: Callable[..., Extraction], sentence: str, outcome: str, polarity: Polarity
) -> None:
    claim = only_claim(extract, sentence)
    assert (claim.outcome, claim.polarity) == (outcome, polarity)
