"""Claim links from stored frames: the comparison rules, the key index, supports per claim, confidence."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from kg.analytics.claim_context import PaperContext
from kg.analytics.confidence import FEATURES, SIGNS, ConfidenceModel, fit, load_model
from kg.analytics.contradictions import Framed, compare_frames, frame_key_and_stance, link_claims, pair_features
from kg.model import ClaimRecord


def claim(paper: str, polarity: str, **frame: Any) -> ClaimRecord:
    fields: dict[str, Any] = {"factor": "model depth", "direction": "more", "outcome": "accuracy"}
    fields |= {"outcome_class": "performance", "role": "finding", **frame}
    return ClaimRecord(f"{paper}:0", paper, polarity=polarity, **fields)


def framed(record: ClaimRecord) -> Framed:
    keyed = frame_key_and_stance(record)
    assert keyed is not None
    return Framed(record, *keyed)


def compared(first: ClaimRecord, second: ClaimRecord) -> tuple[str, str, tuple[str, ...]] | None:
    found = compare_frames(framed(first), framed(second))
    return None if found is None else (found.relation, found.strength, found.differs)


def test_opposite_directions_on_the_same_outcome_contradict_directly() -> None:
    assert compared(claim("a", "improves"), claim("b", "hurts")) == ("CONTRADICTS", "direct", ())


def test_less_of_a_factor_helping_is_more_of_it_hurting() -> None:
    assert compared(claim("a", "improves", direction="less"), claim("b", "improves"))[:2] == ("CONTRADICTS", "direct")  # type: ignore[index]
    assert compared(claim("a", "hurts", direction="less"), claim("b", "improves"))[0] == "SUPPORTS"  # type: ignore[index]


def test_a_differing_condition_or_outcome_makes_a_tension_and_says_which() -> None:
    small = claim("a", "improves", condition_kinds=("scale",), condition_values=("small scale",))
    large = claim("b", "hurts", condition_kinds=("scale",), condition_values=("70b",))
    assert compared(small, large) == ("CONTRADICTS", "tension", ("scale: small scale vs 70b",))
    loss = claim("b", "hurts", outcome="perplexity")
    assert compared(claim("a", "improves"), loss) == ("CONTRADICTS", "tension", ("outcome: accuracy vs perplexity",))


def test_no_effect_against_an_effect_is_a_tension_and_no_harm_against_harm_is_direct() -> None:
    assert compared(claim("a", "no_effect"), claim("b", "improves"))[:2] == ("CONTRADICTS", "tension")  # type: ignore[index]
    assert compared(claim("a", "no_harm", direction="present"), claim("b", "hurts", direction="present"))[:2] == (  # type: ignore[index]
        "CONTRADICTS",
        "direct",
    )
    assert compared(claim("a", "no_harm"), claim("b", "improves")) is None  # "does not hurt" does not oppose "helps"


def test_other_outcome_classes_other_papers_and_non_findings_are_not_compared() -> None:
    assert compared(claim("a", "improves"), claim("b", "hurts", outcome="memory", outcome_class="efficiency")) is None
    assert compared(claim("a", "improves"), claim("a", "hurts")) is None
    unstated = {"outcome": None, "outcome_class": None}
    assert compared(claim("a", "improves", **unstated), claim("b", "hurts", **unstated)) is None
    assert frame_key_and_stance(claim("a", "improves", role="background")) is None
    assert frame_key_and_stance(claim("a", "improves", factor=None)) is None


def test_comparisons_are_keyed_by_the_unordered_pair() -> None:
    depth_wins = claim("a", "improves", factor="model depth", comparator="model width", direction="compare")
    width_wins = claim("b", "improves", factor="model width", comparator="model depth", direction="compare")
    depth_loses = claim("c", "hurts", factor="model width", comparator="model depth", direction="compare")
    assert compared(depth_wins, width_wins)[:2] == ("CONTRADICTS", "direct")  # type: ignore[index]
    assert compared(width_wins, depth_loses)[0] == "CONTRADICTS"  # type: ignore[index]
    assert compared(depth_wins, depth_loses)[0] == "SUPPORTS"  # type: ignore[index]


def test_only_claims_sharing_a_key_are_paired_and_every_link_has_a_reason() -> None:
    claims = [claim("a", "improves"), claim("b", "hurts"), claim("c", "hurts", factor="model width")]
    links = link_claims(claims)
    assert [(link.relation, link.source.paper_id, link.target.paper_id) for link in links] == [
        ("CONTRADICTS", "a", "b")
    ]
    assert links[0].reason == "A: more model depth improves accuracy; B: more model depth hurts accuracy"


def test_supports_are_kept_per_claim_to_its_strongest_partners() -> None:
    claims = [claim(f"p{i}", "improves") for i in range(12)]
    links = link_claims(claims, supports_per_claim=2)
    per_claim = {c.id: sum(c.id in (x.source.id, x.target.id) for x in links) for c in claims}
    assert all(link.relation == "SUPPORTS" for link in links)
    assert 0 < len(links) < 66 and min(per_claim.values()) >= 2


def test_large_support_buckets_are_sampled_with_the_seed() -> None:
    claims = [claim(f"p{i:03d}", "improves") for i in range(80)]
    first = link_claims(claims, support_bucket=10, seed=3)
    again = link_claims(claims, support_bucket=10, seed=3)
    assert [(x.source.id, x.target.id) for x in first] == [(x.source.id, x.target.id) for x in again]


def test_the_shipped_confidence_is_monotone_in_each_feature() -> None:
    model = load_model()
    base = {name: 0.5 for name in FEATURES}
    for name, sign in SIGNS.items():
        if sign == 0:
            continue
        low, high = model({**base, name: 0.0}), model({**base, name: 1.0})
        assert (high >= low) if sign > 0 else (high <= low), name


def test_fitted_weights_keep_their_signs_and_rank_the_judged_pairs() -> None:
    good = {"direct": 1.0, "same_outcome": 1.0, "related": 0.6}
    bad = {"direct": 0.0, "same_outcome": 0.5, "differences": 2.0, "hedged": 1.0, "related": 0.1}
    rows, labels = [good] * 6 + [bad] * 6 + [good, bad], [1] * 6 + [0] * 6 + [0, 1]
    bias, weights = fit(rows, labels)
    assert all(weights[name] * sign >= 0 for name, sign in SIGNS.items())
    model = ConfidenceModel(bias, weights, 0.5)
    assert model(good) > 0.5 > model(bad)


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(["improves", "hurts", "no_effect"], 2)))
def test_the_comparison_is_symmetric(first: str, second: str) -> None:
    one, two = claim("a", first), claim("b", second)
    assert compared(one, two)[:2] == compared(two, one)[:2]  # type: ignore[index]


def test_the_datasets_a_claim_is_about_are_its_dataset_condition() -> None:
    """The datasets come from the graph (the claim's DATASET entities), not from the sentence."""
    on_imagenet = claim("a", "improves", datasets=("imagenet",))
    assert compared(on_imagenet, claim("b", "hurts", datasets=("imagenet",))) == ("CONTRADICTS", "direct", ())
    assert compared(on_imagenet, claim("b", "hurts", datasets=("glue",))) == (
        "CONTRADICTS",
        "tension",
        ("dataset: imagenet vs glue",),
    )


def test_pair_features_describe_pairs_the_comparator_would_not_link() -> None:
    """The confidence is fitted on judged pairs, linked or not: their features say how far they are from a link."""
    linked = link_claims([claim("a", "improves"), claim("b", "hurts")])[0]
    assert {k: linked.features[k] for k in ("framed", "same_key", "same_class", "direct")} == dict.fromkeys(
        ("framed", "same_key", "same_class", "direct"), 1.0
    )
    assert pair_features(claim("a", "improves"), claim("b", "hurts")) == {
        k: v for k, v in linked.features.items() if k not in ("key_specificity", *PaperContext().features("a", "b"))
    }
    assert pair_features(claim("a", "improves"), claim("b", "hurts", factor="model width"))["same_key"] == 0.0
    assert pair_features(claim("a", "improves"), claim("b", "improves"))["direct"] == 0.0
    assert pair_features(claim("a", "improves"), claim("b", "hurts", role="background"))["framed"] == 0.0
