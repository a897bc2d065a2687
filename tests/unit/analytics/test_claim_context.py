"""What a claim link knows beyond its two frames: key specificity and the relatedness of the two papers."""

from __future__ import annotations

import pytest

from kg.analytics.claim_context import PaperContext, jaccard, key_specificity, paper_context
from kg.analytics.contradictions import link_claims
from kg.model import ClaimRecord, Mention


def finding(paper: str, factor: str, polarity: str = "improves", comparator: str | None = None) -> ClaimRecord:
    direction = "compare" if comparator else "more"
    return ClaimRecord(
        f"{paper}:0", paper, factor, comparator, direction, "accuracy", "performance", polarity, role="finding"
    )


def test_a_key_every_paper_names_is_not_specific_and_one_paper_s_key_is() -> None:
    claims = [finding(f"p{i}", "model size") for i in range(1200)] + [finding("p0", "dropout")]
    specificity = key_specificity(claims)
    assert specificity("model size") == 0.0
    assert specificity("dropout") == 1.0
    assert specificity("never named") == 1.0


def test_specificity_is_comparable_across_corpus_sizes() -> None:
    """Named by a tenth of the papers: the same specificity in a corpus of 20 and one of 200, a third of
    the way from a key every paper names to one a paper in a thousand names."""
    small = key_specificity([finding(f"p{i}", "noise" if i < 2 else f"f{i}") for i in range(20)])
    large = key_specificity([finding(f"p{i}", "noise" if i < 20 else f"f{i}") for i in range(200)])
    assert small("noise") == pytest.approx(large("noise")) == pytest.approx(1 / 3)
    assert key_specificity([finding("a", "noise"), finding("b", "noise"), finding("c", "x")])("noise") < small("noise")


def test_a_comparison_is_as_specific_as_its_more_specific_side() -> None:
    claims = [finding(f"p{i}", "baseline") for i in range(6)] + [finding("p0", "mamba", comparator="baseline")]
    specificity = key_specificity(claims)
    assert specificity("baseline vs mamba") == specificity("mamba") > specificity("baseline")


def test_hyphenated_and_spaced_keys_are_one_key() -> None:
    specificity = key_specificity([finding("a", "knowledge-distillation"), finding("b", "knowledge distillation")])
    assert specificity("knowledge distillation") == 0.0


def test_papers_are_related_by_topic_and_by_the_entities_they_share() -> None:
    mentions = [Mention("a", "MODEL:mamba", "MODEL", "Mamba"), Mention("a", "DATASET:lra", "DATASET", "LRA")]
    mentions += [Mention("b", "MODEL:mamba", "MODEL", "Mamba"), Mention("c", "TASK:asr", "TASK", "ASR")]
    context = paper_context(lambda x, y: 0.3, {"a": 1, "b": 1, "c": 2}, mentions)
    assert context.features("a", "b") == {"related": 0.3, "same_topic": 1.0, "shared_entities": 0.5}
    assert context.features("a", "c") == {"related": 0.3, "same_topic": 0.0, "shared_entities": 0.0}
    assert PaperContext().features("a", "b") == {"related": 0.0, "same_topic": 0.0, "shared_entities": 0.0}
    assert PaperContext(topics={"a": 1}).features("a", "x")["same_topic"] == 0.0  # an unplaced paper has no topic


def test_jaccard_of_nothing_is_zero() -> None:
    assert jaccard(frozenset(), frozenset()) == 0.0
    assert jaccard(frozenset({"x"}), frozenset({"x", "y"})) == 0.5


def test_links_carry_the_key_specificity_and_the_papers_relatedness() -> None:
    claims = [finding("a", "dropout"), finding("b", "dropout", "hurts")]
    claims += [finding(f"o{i}", f"other {i}") for i in range(6)]
    context = PaperContext(lambda x, y: 0.4, {"a": 3, "b": 3}, {"a": frozenset({"e"}), "b": frozenset({"e"})})
    (link,) = link_claims(claims, papers=context)
    assert link.features["key_specificity"] == pytest.approx(0.2007, abs=1e-4)  # 2 of 8 papers: log 4 / log 1000
    assert {k: link.features[k] for k in ("related", "same_topic", "shared_entities")} == {
        "related": 0.4,
        "same_topic": 1.0,
        "shared_entities": 1.0,
    }


def test_a_link_within_a_topic_is_more_confident_than_one_across_topics() -> None:
    """The shipped confidence: papers of one topic answer one question far more often (judged dev pairs)."""
    claims = [finding("a", "dropout"), finding("b", "dropout", "hurts"), finding("c", "dropout", "hurts")]
    links = link_claims(claims, papers=PaperContext(topics={"a": 1, "b": 1, "c": 2}))
    confidence = {(x.source.paper_id, x.target.paper_id): x.confidence for x in links if x.relation == "CONTRADICTS"}
    assert confidence[("a", "b")] > confidence[("a", "c")]
