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
    specificity = _specificity(readings)
    best: dict[tuple[str, frozenset[str]], ClaimLink] = {}
    for first, second, factor in _compared(readings, candidate_pairs):
        link = _link(first, second, factor, specificity[factor], similarity)
        if link is None:
            continue
        key = (link.relation, frozenset((first.claim.paper_id, second.claim.paper_id)))
        if key not in best or best[key].score < link.score:
            best[key] = link
    contradictions = _top(best, "CONTRADICTS", max_pairs)
    flagged = {frozenset((link.source.paper_id, link.target.paper_id)) for link in contradictions}
    supports = [
        link
        for link in _top(best, "SUPPORTS", max_supports + len(flagged))
        if frozenset((link.source.paper_id, link.target.paper_id)) not in flagged
    ][:max_supports]
    return contradictions + supports


def _specificity(readings: Sequence[Reading]) -> dict[str, float]:
    """Rarer factors are more specific: 1 for the rarest, lower (down to 0.5) for the most common."""
    counts = Counter(factor for reading in readings for factor in reading.factors)
    most = max(counts.values(), default=1)
    return {factor: 0.5 + 0.5 * math.log(most / count + 1) / math.log(most + 1) for factor, count in counts.items()}


def _compared(
    readings: Sequence[Reading], candidate_pairs: set[frozenset[str]] | None
) -> Iterable[tuple[Reading, Reading, str]]:
    by_factor: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        for factor in reading.factors:
            by_factor[factor].append(reading)
    for factor, group in sorted(by_factor.items()):
        for first, second in combinations(group, 2):
            papers = frozenset((first.claim.paper_id, second.claim.paper_id))
            if len(papers) == 2 and (candidate_pairs is None or papers in candidate_pairs):
                yield first, second, factor


def _link(
    first: Reading, second: Reading, factor: str, specificity: float, similarity: Similarity | None
) -> ClaimLink | None:
    stances = _stances(first, second)
    related = similarity(first.claim.paper_id, second.claim.paper_id) if similarity else 0.2
    shared = len(first.factors & second.factors)
    differences = context_differences(first.claim.text, second.claim.text)
    base = min(1.0, 0.3 + related * 2) * specificity * (1 + 0.15 * (shared - 1))
    base *= finding_weight(first.claim.text) * finding_weight(second.claim.text)
    base *= 0.85 ** len(differences) * (0.8 if first.claim.hedged or second.claim.hedged else 1.0)
    context = "; ".join(differences)
    reason = f"A says {describe(first, factor)}; B says {describe(second, factor)}"
    if len(stances) == 1:
        return ClaimLink(first.claim, second.claim, "SUPPORTS", round(base, 4), factor, reason, context)
    weight = CONFLICT_WEIGHT.get(stances)
    if weight is None:
        return None
    strength = "direct" if weight == 1.0 else "tension"
    return ClaimLink(
        first.claim, second.claim, "CONTRADICTS", round(base * weight, 4), factor, reason, context, strength
    )


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
    differences = []
    for name, pattern in CONTEXT.items():
        a = {match.lower() for match in pattern.findall(first)}
        b = {match.lower() for match in pattern.findall(second)}
        if a and b and not a & b:
            differences.append(f"{name}: {', '.join(sorted(a))} vs {', '.join(sorted(b))}")
    return differences


def _top(
    best: dict[tuple[str, frozenset[str]], ClaimLink], relation: str, limit: int, per_claim: int = 4
) -> list[ClaimLink]:
    """The `limit` best links, each claim in at most `per_claim` of them (a claim read as opposing many
    others is more likely misread than a hub of controversy)."""
    links = [link for (kind, _), link in best.items() if kind == relation]
    links.sort(key=lambda link: (-link.score, link.source.id, link.target.id))
    uses: Counter[str] = Counter()
    kept = []
    for link in links:
        if uses[link.source.id] < per_claim and uses[link.target.id] < per_claim:
            kept.append(link)
            uses[link.source.id] += 1
            uses[link.target.id] += 1
        if len(kept) == limit:
            break
    return kept
