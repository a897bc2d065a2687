"""Claim pairing: the issue's three contradictions, agreements, context differences."""

from __future__ import annotations

import pytest

from kg.analytics.contradictions import context_differences, link_claims
from kg.model import ClaimRecord


def claims(first: str, second: str) -> list[ClaimRecord]:
    return [ClaimRecord("a:0", "a", first), ClaimRecord("b:0", "b", second)]


@pytest.mark.parametrize(
    ("first", "second", "factor"),
    [
        ("We find that depth matters more than width.", "Our results show that width beats depth.", "depth"),
        ("Larger models perform better.", "We find that larger models underperform smaller ones.", "model size"),
        (
            "4-bit quantization preserves accuracy.",
            "We show that 4-bit quantization degrades accuracy.",
            "quantization",
        ),
        (
            "We find that emergent abilities appear regardless of the metric.",
            "Our analysis shows that the choice of metric controls whether emergent abilities appear.",
            "emergent abilities",
        ),
    ],
)
def test_opposite_claims_contradict_with_a_reason(first: str, second: str, factor: str) -> None:
    (link,) = link_claims(claims(first, second))
    assert link.relation == "CONTRADICTS" and link.score > 0
    assert link.factor in {factor, "evaluation metric"}
    assert link.reason.startswith("A says ") and "; B says " in link.reason


def test_paraphrased_agreement_supports_and_does_not_contradict() -> None:
    found = link_claims(
        claims(
            "We find that 2-bit KV cache quantization can hardly hurt model quality.",
            "Our results show that 2bit quantization of the KV cache maintains almost the same quality.",
        )
    )
    assert [link.relation for link in found] == ["SUPPORTS"]


def test_context_differences_are_recorded_and_lower_the_score() -> None:
    """The datasets come from the graph (the claim's DATASET entities), the other kinds from the sentence."""
    better = ClaimRecord("a:0", "a", "Larger models perform better on ImageNet.", datasets=("imagenet",))
    same = link_claims(
        [better, ClaimRecord("b:0", "b", "Larger models underperform on ImageNet.", datasets=("imagenet",))]
    )
    other = link_claims([better, ClaimRecord("b:0", "b", "Larger models underperform on GLUE.", datasets=("glue",))])
    assert other[0].context == "dataset: imagenet vs glue"
    assert other[0].score < same[0].score
    assert context_differences(
        ClaimRecord("a:0", "a", "accuracy of 7B models"), ClaimRecord("b:0", "b", "loss of 70B models")
    ) == [
        "model scale: 7b vs 70b",
        "metric: accuracy vs loss",
    ]


def test_a_dataset_named_in_the_sentence_but_not_extracted_is_no_context() -> None:
    first = ClaimRecord("a:0", "a", "Larger models perform better on ImageNet.")
    second = ClaimRecord("b:0", "b", "Larger models underperform on GLUE.")
    assert context_differences(first, second) == []


def test_claims_of_one_paper_are_never_paired() -> None:
    found = link_claims(
        [
            ClaimRecord("a:0", "a", "Larger models perform better."),
            ClaimRecord("a:1", "a", "Larger models underperform smaller ones."),
        ]
    )
    assert found == []


def test_the_number_of_contradicting_paper_pairs_is_capped() -> None:
    many = [ClaimRecord(f"p{i}:0", f"p{i}", "Larger models perform better.") for i in range(10)]
    many += [ClaimRecord(f"q{i}:0", f"q{i}", "Larger models underperform.") for i in range(10)]
    found = link_claims(many, max_pairs=7, max_supports=3)
    assert sum(link.relation == "CONTRADICTS" for link in found) == 7
    assert sum(link.relation == "SUPPORTS" for link in found) == 3


def test_factor_anchors_never_hide_a_match() -> None:
    from kg.analytics.readings import FACTOR_ANCHORS, FACTOR_PATTERNS, factors_in

    assert FACTOR_ANCHORS.keys() == FACTOR_PATTERNS.keys()
    sentences = [
        "Scaling the model to 7B params with more training data and deeper, wider layers under a fixed FLOP budget.",
        "W4A8 quantization with Pre-LN, a larger vocabulary, sparse experts and a warm-up of the learning rate.",
        "Emergent abilities depend on the metric; downstream performance is predictable via a power law exponent.",
        "Mamba, a state-space alternative to attention, handles long-context multi-step reasoning with batch size 8.",
    ]
    for sentence in sentences:
        unfiltered = {factor for factor, pattern in FACTOR_PATTERNS.items() if pattern.search(sentence)}
        assert factors_in(sentence) == unfiltered
    assert len(set().union(*(factors_in(s) for s in sentences))) == len(FACTOR_PATTERNS)


def test_narrow_factor_anchors_never_hide_a_match() -> None:
    """Every match of a factor's pattern, in the corpus abstracts and in examples of each alternative, holds
    one of its narrow anchors (they are only used for ASCII sentences)."""
    from pathlib import Path

    from kg.analytics.readings import FACTOR_PATTERNS, NARROW_ANCHORS

    corpus = Path(__file__).resolve().parents[3] / "data" / "corpus"
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt")))
    extra = (
        "Model size, model scale, larger models, small-scale language models, big models, number of model "
        "parameters, parameter count, 7B params, 1.5M param, with scale, with model scale, scaling up the model, "
        "increasing scale, parameter scale, model capacity. Data size, dataset size, training data, more data, "
        "training tokens, amount of training data, data scale. Pre-norm, PreLN, pre-layer normalization, Post-LN, "
        "layer normalisation. Downstream task performance, predictability, extrapolation. Mamba, state space, "
        "SSMs, attention-free, alternatives to attention, linear attention, RWKV, recurrent. Context length, "
        "context window, long-context, sequence length."
    )
    matches = 0
    for factor, anchors in NARROW_ANCHORS.items():
        found = 0
        for match in FACTOR_PATTERNS[factor].finditer(f"{text} {extra}"):
            found += 1
            assert any(anchor in match.group(0).lower() for anchor in anchors), (factor, match.group(0))
        assert found >= 3, factor
        matches += found
    assert matches > 300


def test_stance_anchors_never_hide_a_match() -> None:
    """Every match of a stance cue, in every sentence of the corpus abstracts, holds one of its anchors."""
    from pathlib import Path

    from kg.analytics.readings import STANCE_ANCHORS, STANCE_PATTERNS

    assert len(STANCE_ANCHORS) == len(STANCE_PATTERNS)
    corpus = Path(__file__).resolve().parents[3] / "data" / "corpus"
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt")))
    extra = "It hardly hurts; results are on par, not sufficient, unnecessary; it first rises and then falls."
    matches = 0
    for (stance, pattern), anchors in zip(STANCE_PATTERNS, STANCE_ANCHORS, strict=True):
        for match in pattern.finditer(f"{text} {extra}"):
            matches += 1
            assert any(anchor in match.group(0).lower() for anchor in anchors), (stance, match.group(0))
    assert matches > 1000
