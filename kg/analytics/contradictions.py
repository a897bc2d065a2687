"""Contradicting and supporting claims, compared by the frames stored on `Claim` nodes.

Only findings with a factor and a polarity are compared, and only with claims of other papers that
share their *frame key* (the factor, or the unordered factor/comparator pair of a comparison). The
candidates come from an index on that key, so the cost grows with the matches, not with the square of
the papers. Each claim has a *stance* on its key, read for "more of the factor" (`up`, `down`, `null`,
`safe` = does not hurt, `capped` = less does not hurt, `depends`) or, for a comparison,
which side wins (`first`, `second`, `tie`). Opposite stances on the same outcome class contradict:
`direct` when no stated condition or outcome differs, `tension` otherwise or when one side is "no
effect"/"depends". Equal stances support; a claim keeps its few strongest supports. Every link has a
`confidence` (`kg.analytics.confidence`) and a reason a person can check.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.analytics.claim_context import PaperContext, index_key, key_specificity
from kg.analytics.confidence import ConfidenceModel, load_model
from kg.model import ClaimRecord

STANCE_OF_MORE = {"improves": "up", "hurts": "down", "no_effect": "null", "no_harm": "safe", "depends": "depends"}
STANCE_OF_LESS = {"improves": "down", "hurts": "up", "no_effect": "null", "no_harm": "capped", "depends": "depends"}
OPPOSED: dict[frozenset[str], str] = {
    frozenset({"up", "down"}): "direct",
    frozenset({"safe", "down"}): "direct",
    frozenset({"first", "second"}): "direct",
    frozenset({"null", "up"}): "tension",
    frozenset({"null", "down"}): "tension",
    frozenset({"depends", "up"}): "tension",
    frozenset({"depends", "down"}): "tension",
    frozenset({"capped", "up"}): "tension",
    frozenset({"tie", "first"}): "tension",
    frozenset({"tie", "second"}): "tension",
}
POLARITY_WORDS = {
    "improves": "improves",
    "hurts": "hurts",
    "no_effect": "does not change",
    "no_harm": "does not hurt",
    "depends": "has an effect that depends on the setting, on",
}


@dataclass(frozen=True, slots=True)
class Framed:
    """A claim with its frame key and stance."""

    claim: ClaimRecord
    key: str
    stance: str


@dataclass(frozen=True, slots=True)
class Comparison:
    relation: str  # "CONTRADICTS" or "SUPPORTS"
    strength: str  # "direct" or "tension" for a contradiction, "" for support
    outcome: str  # "accuracy" or "accuracy / loss" when the two differ
    differs: tuple[str, ...]  # "scale: small scale vs 7b", "outcome: accuracy vs loss"
    features: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class ClaimLink:
    source: ClaimRecord
    target: ClaimRecord
    relation: str
    confidence: float
    factor: str
    comparator: str | None
    outcome: str
    strength: str
    reason: str
    differs: tuple[str, ...] = ()
    features: Mapping[str, float] = field(default_factory=dict)  # what the confidence was computed from


def frame_key_and_stance(claim: ClaimRecord) -> tuple[str, str] | None:
    """The key a claim is indexed under and its stance on it, or None when it is not compared."""
    if claim.role != "finding" or not claim.factor or not claim.polarity:
        return None
    if claim.direction == "compare" and claim.comparator:
        first, second = sorted((index_key(claim.factor), index_key(claim.comparator)))
        if claim.polarity in ("no_effect", "no_harm", "depends"):  # "X matches Y": neither wins
            return f"{first} vs {second}", "depends" if claim.polarity == "depends" else "tie"
        wins = claim.factor if claim.polarity == "improves" else claim.comparator
        return f"{first} vs {second}", "first" if index_key(wins) == first else "second"
    table = STANCE_OF_LESS if claim.direction == "less" else STANCE_OF_MORE
    stance = table.get(claim.polarity)
    return (index_key(claim.factor), stance) if stance else None


def compare_frames(first: Framed, second: Framed) -> Comparison | None:
    """What two claims on the same key say to each other, or None when they do not meet."""
    a, b = first.claim, second.claim
    if a.paper_id == b.paper_id or first.key != second.key:
        return None
    if not same_question(a, b):
        return None
    opposed = OPPOSED.get(frozenset({first.stance, second.stance}))
    if opposed is None and first.stance != second.stance:
        return None
    differs = stated_differences(a, b)
    features = frame_features(a, b, opposed, differs)
    outcome = _joined_outcome(a.outcome, b.outcome)
    if opposed is None:
        return Comparison("SUPPORTS", "", outcome, differs, features)
    strength = "direct" if opposed == "direct" and not differs else "tension"
    return Comparison("CONTRADICTS", strength, outcome, differs, features)


def stated_differences(a: ClaimRecord, b: ClaimRecord) -> tuple[str, ...]:
    """The conditions both state with different values, and the outcomes when they differ."""
    differs = condition_differences(a, b)
    if a.outcome and b.outcome and a.outcome != b.outcome:
        differs += (f"outcome: {a.outcome} vs {b.outcome}",)
    return differs


def frame_features(a: ClaimRecord, b: ClaimRecord, opposed: str | None, differs: tuple[str, ...]) -> dict[str, float]:
    """The features of the confidence (`kg.analytics.confidence.FEATURES`) two frames give a link."""
    same_outcome = bool(a.outcome) and a.outcome == b.outcome
    return {
        "framed": 1.0,
        "same_key": 1.0,
        "same_class": 1.0 if same_question(a, b) else 0.0,
        "direct": 1.0 if opposed in ("direct", None) else 0.0,
        "same_outcome": 1.0 if same_outcome else 0.5 if a.outcome_class and a.outcome_class == b.outcome_class else 0.0,
        "differences": float(len(differs)),
        "hedged": 1.0 if a.hedged or b.hedged else 0.0,
        "comparison": 1.0 if a.direction == "compare" and b.direction == "compare" else 0.0,
    }


def pair_features(a: ClaimRecord, b: ClaimRecord) -> dict[str, float]:
    """The same features for any two claims, also those the comparator would not link (to fit the
    confidence on judged pairs): `framed` 0 when either has no comparable frame, `same_key` 0 when their
    keys differ, `direct` 0 unless their stances are directly opposed."""
    keyed_a, keyed_b = frame_key_and_stance(a), frame_key_and_stance(b)
    if keyed_a is None or keyed_b is None:
        return {"framed": 0.0, "hedged": 1.0 if a.hedged or b.hedged else 0.0}
    opposed = OPPOSED.get(frozenset({keyed_a[1], keyed_b[1]}))
    features = frame_features(a, b, opposed if opposed or keyed_a[1] != keyed_b[1] else None, stated_differences(a, b))
    features["same_key"] = 1.0 if keyed_a[0] == keyed_b[0] else 0.0
    if opposed is None:
        features["direct"] = 0.0
    return features


def same_question(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Both claims name an outcome of the same class, or the same outcome ("accuracy" and "loss" are both
    performance; an unstated outcome answers no question)."""
    if a.outcome_class and a.outcome_class == b.outcome_class:
        return True
    return bool(a.outcome) and a.outcome == b.outcome


def _joined_outcome(first: str | None, second: str | None) -> str:
    if first and second and first != second:
        return f"{first} / {second}"
    return first or second or ""


def condition_differences(a: ClaimRecord, b: ClaimRecord) -> tuple[str, ...]:
    """Condition kinds both claims state, with no value in common: 'scale: small scale vs 70b'."""
    first, second = a.conditions(), b.conditions()
    return tuple(
        f"{kind}: {', '.join(sorted(first[kind]))} vs {', '.join(sorted(second[kind]))}"
        for kind in sorted(first.keys() & second.keys())
        if not first[kind] & second[kind]
    )


def describe(claim: ClaimRecord) -> str:
    """One side of a reason: 'more model size improves accuracy', 'mamba over transformer improves performance'."""
    if claim.direction == "compare" and claim.comparator:
        subject = f"{claim.factor} over {claim.comparator}"
    else:
        amount = {"more": "more ", "less": "less "}.get(claim.direction or "", "")
        subject = f"{amount}{claim.factor}"
    outcome = claim.outcome or "the outcome"
    hedge = " (hedged)" if claim.hedged else ""
    return f"{subject} {POLARITY_WORDS.get(claim.polarity or '', 'affects')} {outcome}{hedge}"


def link_claims(
    claims: Iterable[ClaimRecord],
    *,
    papers: PaperContext | None = None,
    model: ConfidenceModel | None = None,
    supports_per_claim: int = 3,
    support_bucket: int = 60,
    seed: int = 42,
) -> list[ClaimLink]:
    """CONTRADICTS links (the best per paper pair) and each claim's strongest SUPPORTS, with confidences.

    `papers` (the run's paper similarity, topics and entities) enters each link's confidence. No cap on
    contradictions: readers filter by confidence. A stance bucket larger than `support_bucket` is
    compared for support against a seeded sample of that many partners per claim.
    """
    model, papers = model or load_model(), papers or PaperContext()
    claims = list(claims)
    specificity = key_specificity(claims)
    index: dict[str, list[Framed]] = defaultdict(list)
    for claim in claims:
        if (keyed := frame_key_and_stance(claim)) is not None:
            index[keyed[0]].append(Framed(claim, *keyed))
    rng = random.Random(seed)
    contradictions: dict[tuple[str, str], ClaimLink] = {}
    supports: list[ClaimLink | None] = []
    for key in sorted(index):
        group = index[key]
        by_stance: dict[str, list[Framed]] = defaultdict(list)
        for framed in group:
            by_stance[framed.stance].append(framed)
        link = _linker(model, papers, specificity(key))
        for pair in _opposed_pairs(by_stance):
            if (found := link(*pair)) is not None:
                _keep_best(contradictions, found)
        for members in by_stance.values():
            supports.extend(link(a, b) for a, b in _support_pairs(members, support_bucket, rng))
    kept_supports = _strongest_per_claim([s for s in supports if s is not None], supports_per_claim)
    ordered = sorted(contradictions.values(), key=_order)
    return ordered + sorted(kept_supports, key=_order)


def _linker(
    model: ConfidenceModel, papers: PaperContext, specificity: float
) -> Callable[[Framed, Framed], ClaimLink | None]:
    def link(first: Framed, second: Framed) -> ClaimLink | None:
        comparison = compare_frames(first, second)
        if comparison is None:
            return None
        a, b = first.claim, second.claim
        features = {**comparison.features, "key_specificity": specificity, **papers.features(a.paper_id, b.paper_id)}
        if comparison.relation == "SUPPORTS":
            features["direct"] = 1.0  # how likely the two answer the same question
        comparator = None if first.stance not in ("first", "second", "tie") else a.comparator
        reason = f"A: {describe(a)}; B: {describe(b)}"
        if comparison.differs:
            reason += "; differs: " + "; ".join(comparison.differs)
        return ClaimLink(
            a, b, comparison.relation, model(features), a.factor or first.key, comparator,
            comparison.outcome, comparison.strength, reason, comparison.differs, features,
        )  # fmt: skip

    return link


def _opposed_pairs(by_stance: Mapping[str, list[Framed]]) -> Iterable[tuple[Framed, Framed]]:
    stances = sorted(by_stance)
    for i, s in enumerate(stances):
        for t in stances[i + 1 :]:
            if frozenset({s, t}) in OPPOSED:
                for a in by_stance[s]:
                    for b in by_stance[t]:
                        if a.claim.paper_id != b.claim.paper_id:
                            yield (a, b) if a.claim.id < b.claim.id else (b, a)


def _support_pairs(members: list[Framed], bucket: int, rng: random.Random) -> Iterable[tuple[Framed, Framed]]:
    ordered = sorted(members, key=lambda f: f.claim.id)
    if len(ordered) <= bucket:
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                yield a, b
        return
    for i, a in enumerate(ordered):
        for j in sorted(rng.sample(range(len(ordered)), bucket)):
            if j > i:
                yield a, ordered[j]


def _keep_best(kept: dict[tuple[str, str], ClaimLink], link: ClaimLink) -> None:
    pair = tuple(sorted((link.source.paper_id, link.target.paper_id)))
    key = (pair[0], pair[1])
    current = kept.get(key)
    if current is None or _order(link) < _order(current):
        kept[key] = link


def _strongest_per_claim(links: list[ClaimLink], per_claim: int) -> list[ClaimLink]:
    """Each link is kept when it is among the `per_claim` strongest of either of its claims."""
    by_claim: dict[str, list[ClaimLink]] = defaultdict(list)
    for link in links:
        by_claim[link.source.id].append(link)
        by_claim[link.target.id].append(link)
    kept: dict[tuple[str, str], ClaimLink] = {}
    for own in by_claim.values():
        for link in sorted(own, key=_order)[:per_claim]:
            kept[(link.source.id, link.target.id)] = link
    return list(kept.values())


def _order(link: ClaimLink) -> tuple[float, str, str]:
    return (-link.confidence, link.source.id, link.target.id)
