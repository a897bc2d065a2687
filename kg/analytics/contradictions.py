"""Contradicting and supporting claims across papers.

Two claims from different papers are compared when they share a factor (`kg.analytics.readings`):
opposite stances (`up` against `down`) contradict directly; "no effect" against an effect, or an effect
against "it depends", is a tension and scores lower. The same stance supports. Every link carries a
reason a person can read and the context differences visible in the two sentences (dataset, model
scale, metric, domain, regime), each of which lowers the score: most apparent contradictions are
differences of context. At most `max_pairs` paper pairs are reported, the highest scores first.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.analytics.readings import Reading, describe, read_claim
from kg.model import ClaimRecord

CONFLICT_WEIGHT: dict[frozenset[str], float] = {
    frozenset({"up", "down"}): 1.0,
    frozenset({"null", "depends"}): 0.75,
    frozenset({"null", "up"}): 0.6,
    frozenset({"null", "down"}): 0.45,
    frozenset({"depends", "up"}): 0.45,
}
# Context kinds read from the sentence; the datasets a claim is about come from the graph (`ClaimRecord.datasets`).
DATASET_CONTEXT = "dataset"
CONTEXT: dict[str, re.Pattern[str]] = {
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
    best = scorer.best_of_all() if candidate_pairs is None else scorer.best_between(candidate_pairs)
    contradictions = [_described(c) for c in _top(scorer, best["CONTRADICTS"], "CONTRADICTS", max_pairs)]
    flagged = {frozenset((link.source.paper_id, link.target.paper_id)) for link in contradictions}
    supports = [
        _described(candidate)
        for candidate in _top(scorer, best["SUPPORTS"], "SUPPORTS", max_supports + len(flagged))
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


# What two stances make of a claim pair: (relation, weight, strength), or None when they are not compared.
_Relation = tuple[str, float, str] | None
# The best link of one relation for one paper pair: (score, first reading, second reading, factor, strength)
_Best = tuple[float, int, int, str, str]


class _Scorer:
    """Scores claim pairs from what is computed once per claim (context, finding cue, stance), per paper pair
    (relatedness) and per claim pair (relation, shared factors, context differences); only the factor's own
    term is computed per factor. Readings are referred to by their position in `readings`.

    A link's score is `((base * scale) * findings) * tail`, in that order:
    base = min(1, 0.3 + 2 * related papers), scale = specificity of the factor * (1 + 0.15 * (shared - 1)),
    findings = finding weight of one claim * that of the other, tail = 0.85 ** context differences * 0.8 if
    either claim is hedged; a contradiction's score is multiplied by its weight (`CONFLICT_WEIGHT`).
    """

    def __init__(self, readings: Sequence[Reading], similarity: Similarity | None) -> None:
        self.readings = readings
        self.specificity = _specificity(readings)
        self.similarity = similarity
        self.paper = [r.claim.paper_id for r in readings]
        self.ids = [r.claim.id for r in readings]
        self.factors = [r.factors for r in readings]
        self.stance = [(r.stance, r.preferred, r.other) for r in readings]
        self.context = [tuple(_context_sets(r.claim).values()) for r in readings]
        self.finding = [finding_weight(r.claim.text) for r in readings]
        self.hedged = [r.claim.hedged for r in readings]
        self.related: dict[tuple[str, str], float] = {}
        self.relations: dict[tuple[tuple[str | None, ...], tuple[str | None, ...]], _Relation] = {}
        self.scales: dict[tuple[str, int], float] = {}
        self.tails: dict[tuple[int, bool], float] = {}

    def best_between(self, candidate_pairs: set[frozenset[str]]) -> dict[str, list[_Best]]:
        """The best link of each relation for every candidate pair of papers that both have readings.

        Within a paper pair, links are looked at in the order the first paper's readings, the second
        paper's readings, the shared factors sorted: the first of equal scores is kept."""
        by_paper: dict[str, list[int]] = defaultdict(list)
        for index, paper in enumerate(self.paper):
            by_paper[paper].append(index)
        best: dict[str, list[_Best]] = {"SUPPORTS": [], "CONTRADICTS": []}
        factors, stance = self.factors, self.stance
        for pair in candidate_pairs:
            first_paper, second_paper = sorted(pair)
            firsts, seconds = by_paper.get(first_paper), by_paper.get(second_paper)
            if firsts is None or seconds is None:
                continue
            base: float | None = None
            kept: dict[str, _Best] = {}
            for i in firsts:
                factors_i, stance_i = factors[i], stance[i]
                for j in seconds:
                    shared = factors_i & factors[j]
                    if not shared:
                        continue
                    relation = self._relation(i, j, stance_i, stance[j])
                    if relation is None:
                        continue
                    if base is None:
                        base = min(1.0, 0.3 + self._related(first_paper, second_paper) * 2)
                    self._keep(kept, base, i, j, shared, relation)
            for kind, link in kept.items():
                best[kind].append(link)
        return best

    def best_of_all(self) -> dict[str, list[_Best]]:
        """The best link of each relation for every pair of papers, looked at factor by factor (sorted),
        pairs of readings in reading order: the first of equal scores is kept."""
        by_factor: dict[str, list[int]] = defaultdict(list)
        for index, factors in enumerate(self.factors):
            for factor in factors:
                by_factor[factor].append(index)
        kept: dict[tuple[str, str, str], _Best] = {}
        paper, stance = self.paper, self.stance
        for factor, group in sorted(by_factor.items()):
            for position, i in enumerate(group):
                for j in group[position + 1 :]:
                    if paper[i] == paper[j]:
                        continue
                    relation = self._relation(i, j, stance[i], stance[j])
                    if relation is None:
                        continue
                    kind, weight, strength = relation
                    shared = len(self.factors[i] & self.factors[j])
                    base = min(1.0, 0.3 + self._related(paper[i], paper[j]) * 2)
                    score = base * self._scale(factor, shared) * (self.finding[i] * self.finding[j])
                    score *= self._tail(i, j)
                    score = round(score, 4) if kind == "SUPPORTS" else round(score * weight, 4)
                    first, second = paper[i], paper[j]
                    key = (kind, first, second) if first < second else (kind, second, first)
                    if key not in kept or kept[key][0] < score:
                        kept[key] = (score, i, j, factor, strength)
        best: dict[str, list[_Best]] = {"SUPPORTS": [], "CONTRADICTS": []}
        for (kind, _, _), link in kept.items():
            best[kind].append(link)
        return best

    def candidate(self, link: _Best, relation: str) -> _Candidate:
        score, i, j, factor, strength = link
        return _Candidate(self.readings[i], self.readings[j], relation, score, factor, strength)

    def _keep(
        self,
        kept: dict[str, _Best],
        base: float,
        i: int,
        j: int,
        shared: frozenset[str],
        relation: tuple[str, float, str],
    ) -> None:
        """Keeps the best link of claims `i` and `j` (one per shared factor, sorted) in `kept` if it beats it."""
        kind, weight, strength = relation
        findings = self.finding[i] * self.finding[j]
        tail = self._tail(i, j)
        count = len(shared)
        for factor in sorted(shared) if count > 1 else shared:
            score = base * self._scale(factor, count) * findings * tail
            score = round(score, 4) if kind == "SUPPORTS" else round(score * weight, 4)
            current = kept.get(kind)
            if current is None or current[0] < score:
                kept[kind] = (score, i, j, factor, strength)

    def _relation(self, i: int, j: int, first: tuple[str | None, ...], second: tuple[str | None, ...]) -> _Relation:
        key = (first, second)
        try:
            return self.relations[key]
        except KeyError:
            pass
        stances = _stances(self.readings[i], self.readings[j])
        relation: _Relation
        if len(stances) == 1:
            relation = ("SUPPORTS", 1.0, "")
        elif (weight := CONFLICT_WEIGHT.get(stances)) is None:
            relation = None
        else:
            relation = ("CONTRADICTS", weight, "direct" if weight == 1.0 else "tension")
        self.relations[key] = relation
        return relation

    def _scale(self, factor: str, shared: int) -> float:
        scale = self.scales.get((factor, shared))
        if scale is None:
            scale = self.scales[factor, shared] = self.specificity[factor] * (1 + 0.15 * (shared - 1))
        return scale

    def _tail(self, i: int, j: int) -> float:
        differences = _count_differences(self.context[i], self.context[j])
        hedged = self.hedged[i] or self.hedged[j]
        tail = self.tails.get((differences, hedged))
        if tail is None:
            tail = self.tails[differences, hedged] = 0.85**differences * (0.8 if hedged else 1.0)
        return tail

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
    context = "; ".join(context_differences(first.claim, second.claim))
    return ClaimLink(
        first.claim, second.claim, candidate.relation, candidate.score, factor, reason, context, candidate.strength
    )


def _specificity(readings: Sequence[Reading]) -> dict[str, float]:
    """Rarer factors are more specific: 1 for the rarest, lower (down to 0.5) for the most common."""
    counts = Counter(factor for reading in readings for factor in reading.factors)
    most = max(counts.values(), default=1)
    return {factor: 0.5 + 0.5 * math.log(most / count + 1) / math.log(most + 1) for factor, count in counts.items()}


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


def context_differences(first: ClaimRecord, second: ClaimRecord) -> list[str]:
    """Context both claims name that differs: 'dataset: imagenet vs glue'."""
    a_sets, b_sets = _context_sets(first), _context_sets(second)
    return [
        f"{name}: {', '.join(sorted(a_sets[name]))} vs {', '.join(sorted(b_sets[name]))}"
        for name in a_sets
        if a_sets[name] and b_sets[name] and not a_sets[name] & b_sets[name]
    ]


def _context_sets(claim: ClaimRecord) -> dict[str, frozenset[str]]:
    sets = {DATASET_CONTEXT: frozenset(claim.datasets)}
    sets.update(
        (name, frozenset(match.lower() for match in pattern.findall(claim.text))) for name, pattern in CONTEXT.items()
    )
    return sets


def _count_differences(first: tuple[frozenset[str], ...], second: tuple[frozenset[str], ...]) -> int:
    """Context kinds (`_context_sets` values, in their order) that both claims name, differently."""
    return sum(1 for a, b in zip(first, second, strict=True) if a and b and not a & b)


def _top(scorer: _Scorer, links: list[_Best], relation: str, limit: int, per_claim: int = 6) -> list[_Candidate]:
    """The `limit` best links (highest score, then claim ids), each claim in at most `per_claim` of them (a claim
    read as opposing many others is more likely misread than a hub of controversy)."""
    ids = scorer.ids
    heap = [(-link[0], ids[link[1]], ids[link[2]], n) for n, link in enumerate(links)]
    heapq.heapify(heap)  # popped in sorted order, as far as needed
    uses: Counter[str] = Counter()
    kept = []
    while heap:
        _, first, second, n = heapq.heappop(heap)
        if uses[first] < per_claim and uses[second] < per_claim:
            kept.append(scorer.candidate(links[n], relation))
            uses[first] += 1
            uses[second] += 1
        if len(kept) == limit:
            break
    return kept
