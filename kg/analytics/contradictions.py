"""Contradicting and supporting claims across papers.

Two claims from different papers are compared when they share a factor (`kg.analytics.readings`):
opposite stances (`up` against `down`) contradict directly; "no effect" against an effect, or an effect
against "it depends", is a tension and scores lower. The same stance supports. Every link carries a
reason a person can read and the context differences visible in the two sentences (dataset, model
scale, metric, domain, regime), each of which lowers the score: most apparent contradictions are
differences of context. At most `max_pairs` paper pairs are reported, the highest scores first.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from kg.analytics.readings import Reading, describe, read_claim
from kg.analytics.records import ClaimRecord

CONFLICT_WEIGHT: dict[frozenset[str], float] = {
    frozenset({"up", "down"}): 1.0,
    frozenset({"null", "depends"}): 0.75,
    frozenset({"null", "up"}): 0.6,
    frozenset({"null", "down"}): 0.45,
    frozenset({"depends", "up"}): 0.45,
}
CONTEXT: dict[str, re.Pattern[str]] = {
    "dataset": re.compile(
        r"\b(?:ImageNet[\w-]*|COCO|GLUE|SuperGLUE|MMLU|GSM8K|MATH|C4|LAION[\w-]*|WikiText[\w-]*"
        r"|CIFAR[\w-]*|BIG-?[Bb]ench|HumanEval|The Pile|SQuAD|WMT\d*)\b"
    ),
    "model scale": re.compile(r"\b\d+(?:\.\d+)?\s?[BMK]\b(?: param\w*)?|\b(?:small|large|frontier)-scale\b", re.I),
    "metric": re.compile(
        r"\b(?:accuracy|perplexity|loss|BLEU|FID|cross-entropy|recall|F1|calibration"
        r"|linear prob\w*|correlation)\b",
        re.I,
    ),
    "domain": re.compile(
        r"\b(?:image\w*|vision|visual|video|speech|audio|language|text|graph|astronom\w*|galax\w*"
        r"|brain|fMRI|translation|code|math\w*)\b",
        re.I,
    ),
    "regime": re.compile(
        r"\b(?:pre-?training|fine-?tuning|inference|post-training|over-training|zero-shot"
        r"|few-shot|downstream|in-domain|frozen)\b",
        re.I,
    ),
}
Similarity = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class ClaimLink:
    source: ClaimRecord
    target: ClaimRecord
    relation: str  # "CONTRADICTS" or "SUPPORTS"
    score: float
    factor: str
    reason: str
    context: str = ""
    strength: str = ""  # "direct" or "tension" for contradictions


def link_claims(
    claims: Iterable[ClaimRecord],
    *,
    similarity: Similarity | None = None,
    candidate_pairs: set[frozenset[str]] | None = None,
    max_pairs: int = 400,
    max_supports: int = 400,
) -> list[ClaimLink]:
    """CONTRADICTS and SUPPORTS links, at most `max_pairs` and `max_supports` paper pairs each.

    `candidate_pairs` (paper-id pairs) limits which papers are compared at all, e.g. to nearest
    neighbours on a large corpus; `similarity(paper_a, paper_b)` raises the score of related papers.
    """
    readings = [reading for claim in claims if (reading := read_claim(claim)).stance and reading.factors]
    scorer = _Scorer(readings, similarity)
    best: dict[tuple[str, frozenset[str]], _Candidate] = {}
    for first, second, factor in _compared(readings, candidate_pairs):
        candidate = scorer.score(first, second, factor)
        if candidate is None:
            continue
        key = (candidate.relation, frozenset((first.claim.paper_id, second.claim.paper_id)))
        if key not in best or best[key].score < candidate.score:
            best[key] = candidate
    contradictions = [_described(c) for c in _top(best, "CONTRADICTS", max_pairs)]
    flagged = {frozenset((link.source.paper_id, link.target.paper_id)) for link in contradictions}
    supports = [
        _described(candidate)
        for candidate in _top(best, "SUPPORTS", max_supports + len(flagged))
        if frozenset((candidate.first.claim.paper_id, candidate.second.claim.paper_id)) not in flagged
    ][:max_supports]
    return contradictions + supports


@dataclass(frozen=True, slots=True)
class _Candidate:
    first: Reading
    second: Reading
    relation: str
    score: float
    factor: str
    strength: str


class _Scorer:
    """Scores claim pairs from what is computed once per claim (context, finding cue) and per paper pair."""

    def __init__(self, readings: Sequence[Reading], similarity: Similarity | None) -> None:
        self.specificity = _specificity(readings)
        self.similarity = similarity
        self.related: dict[tuple[str, str], float] = {}
        self.context = {r.claim.id: tuple(_context_sets(r.claim.text).values()) for r in readings}
        self.finding = {r.claim.id: finding_weight(r.claim.text) for r in readings}

    def score(self, first: Reading, second: Reading, factor: str) -> _Candidate | None:
        stances = _stances(first, second)
        agree = len(stances) == 1
        weight = 1.0 if agree else CONFLICT_WEIGHT.get(stances)
        if weight is None:
            return None
        a, b = first.claim, second.claim
        shared = len(first.factors & second.factors)
        differences = _count_differences(self.context[a.id], self.context[b.id])
        base = min(1.0, 0.3 + self._related(a.paper_id, b.paper_id) * 2)
        base *= self.specificity[factor] * (1 + 0.15 * (shared - 1))
        base *= self.finding[a.id] * self.finding[b.id]
        base *= 0.85**differences * (0.8 if a.hedged or b.hedged else 1.0)
        if agree:
            return _Candidate(first, second, "SUPPORTS", round(base, 4), factor, "")
        strength = "direct" if weight == 1.0 else "tension"
        return _Candidate(first, second, "CONTRADICTS", round(base * weight, 4), factor, strength)

    def _related(self, first: str, second: str) -> float:
        if self.similarity is None:
            return 0.2
        key = (first, second) if first < second else (second, first)
        related = self.related.get(key)
        if related is None:
            related = self.related[key] = self.similarity(*key)
        return related


def _described(candidate: _Candidate) -> ClaimLink:
    first, second, factor = candidate.first, candidate.second, candidate.factor
    reason = f"A says {describe(first, factor)}; B says {describe(second, factor)}"
    context = "; ".join(context_differences(first.claim.text, second.claim.text))
    return ClaimLink(
        first.claim, second.claim, candidate.relation, candidate.score, factor, reason, context, candidate.strength
    )


def _specificity(readings: Sequence[Reading]) -> dict[str, float]:
    """Rarer factors are more specific: 1 for the rarest, lower (down to 0.5) for the most common."""
    counts = Counter(factor for reading in readings for factor in reading.factors)
    most = max(counts.values(), default=1)
    return {factor: 0.5 + 0.5 * math.log(most / count + 1) / math.log(most + 1) for factor, count in counts.items()}


def _compared(
    readings: Sequence[Reading], candidate_pairs: set[frozenset[str]] | None
) -> Iterable[tuple[Reading, Reading, str]]:
    """Every pair of readings from two papers that share a factor (only candidate paper pairs, if given)."""
    if candidate_pairs is not None:
        yield from _compared_between(readings, candidate_pairs)
        return
    by_factor: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        for factor in reading.factors:
            by_factor[factor].append(reading)
    for factor, group in sorted(by_factor.items()):
        for first, second in combinations(group, 2):
            if first.claim.paper_id != second.claim.paper_id:
                yield first, second, factor


def _compared_between(
    readings: Sequence[Reading], candidate_pairs: set[frozenset[str]]
) -> Iterable[tuple[Reading, Reading, str]]:
    by_paper: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        by_paper[reading.claim.paper_id].append(reading)
    with_readings = set(by_paper)
    # only pairs of two papers with readings can yield anything: the others are left out before sorting
    for pair in sorted((pair for pair in candidate_pairs if pair <= with_readings), key=sorted):
        first_paper, second_paper = sorted(pair)
        for first in by_paper[first_paper]:
            for second in by_paper[second_paper]:
                for factor in sorted(first.factors & second.factors):
                    yield first, second, factor


FINDING = re.compile(
    r"\b(?:we|our)\b[^.;]{0,60}?\b(?:find|found|show|observe|demonstrate|reveal|discover|identify|argue|uncover"
    r"|prove|derive|results?|findings?|analysis|experiments?|conclude|establish|suggest)"
    r"|\bfindings include|results suggest",
    re.IGNORECASE,
)


def finding_weight(text: str) -> float:
    """1 for a sentence that reports a finding ("we find", "our results show"), less for background."""
    return 1.0 if FINDING.search(text) else 0.6


def _stances(first: Reading, second: Reading) -> frozenset[str]:
    """Both stances; two comparisons of the same options agree ("up") or are swapped ("up" vs "down")."""
    if first.stance == second.stance == "compare":
        if {first.preferred, first.other} != {second.preferred, second.other}:
            return frozenset({"compare-unrelated"})
        return frozenset({"up"}) if first.preferred == second.preferred else frozenset({"up", "down"})
    return frozenset({first.stance or "", second.stance or ""})


def context_differences(first: str, second: str) -> list[str]:
    """Context visible in both sentences that differs: 'dataset: ImageNet vs GLUE'."""
    a_sets, b_sets = _context_sets(first), _context_sets(second)
    return [
        f"{name}: {', '.join(sorted(a_sets[name]))} vs {', '.join(sorted(b_sets[name]))}"
        for name in CONTEXT
        if a_sets[name] and b_sets[name] and not a_sets[name] & b_sets[name]
    ]


def _context_sets(text: str) -> dict[str, frozenset[str]]:
    return {name: frozenset(match.lower() for match in pattern.findall(text)) for name, pattern in CONTEXT.items()}


def _count_differences(first: tuple[frozenset[str], ...], second: tuple[frozenset[str], ...]) -> int:
    """Context kinds (`_context_sets` values, in `CONTEXT` order) that both sentences name, differently."""
    return sum(1 for a, b in zip(first, second, strict=True) if a and b and not a & b)


def _top(
    best: dict[tuple[str, frozenset[str]], _Candidate], relation: str, limit: int, per_claim: int = 6
) -> list[_Candidate]:
    """The `limit` best links, each claim in at most `per_claim` of them (a claim read as opposing many
    others is more likely misread than a hub of controversy)."""
    links = [link for (kind, _), link in best.items() if kind == relation]
    links.sort(key=lambda link: (-link.score, link.first.claim.id, link.second.claim.id))
    uses: Counter[str] = Counter()
    kept = []
    for link in links:
        first, second = link.first.claim.id, link.second.claim.id
        if uses[first] < per_claim and uses[second] < per_claim:
            kept.append(link)
            uses[first] += 1
            uses[second] += 1
        if len(kept) == limit:
            break
    return kept
