"""What a claim link knows beyond the two frames: how distinctive their key is, and how related the papers are.

Two claims on the same key answer the same question only when the key names something specific and the
two papers study related problems: "noise" or "model size" shared by an image classifier and a
time-series forecaster is a shared word, not a shared question. So the confidence of a link weighs how
specific its key is and how close its papers are (the same topic of the run above all).
Everything here comes from stored fields and the run's own results (the claims' factor keys, the
papers' term vectors, their topics and the entities they mention), never from a sentence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from kg.model import ClaimRecord, Mention

Similarity = Callable[[str, str], float]
COMPARISON = " vs "
SPECIFIC_SHARE = math.log(1000)  # a key named by one paper in a thousand is fully specific


def index_key(key: str) -> str:
    """A factor key as the index compares it: an entity's canonical "knowledge-distillation" and the phrase
    "knowledge distillation" are one key."""
    return " ".join(key.replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class PaperContext:
    """The run's view of the papers a link joins: term-vector similarity, topic, mentioned entities."""

    similarity: Similarity | None = None
    topics: Mapping[str, int] = field(default_factory=dict)
    entities: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def features(self, first: str, second: str) -> dict[str, float]:
        """`related` (cosine of the papers), `same_topic` (1 when the run put both in one topic) and
        `shared_entities` (Jaccard overlap of the entities the two papers mention)."""
        topic = self.topics.get(first)
        return {
            "related": self.similarity(first, second) if self.similarity else 0.0,
            "same_topic": 1.0 if topic is not None and topic == self.topics.get(second) else 0.0,
            "shared_entities": jaccard(self.entities.get(first, frozenset()), self.entities.get(second, frozenset())),
        }


def paper_context(
    similarity: Similarity | None, assignment: Mapping[str, int], mentions: Iterable[Mention]
) -> PaperContext:
    """The context of a run: its similarity, its topic assignment, and each paper's mentioned entity keys."""
    entities: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        entities[mention.paper_id].add(mention.entity_key)
    return PaperContext(similarity, dict(assignment), {paper: frozenset(keys) for paper, keys in entities.items()})


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def key_specificity(claims: Iterable[ClaimRecord]) -> Callable[[str], float]:
    """How distinctive a frame key is among the papers whose claims name a factor: the log of the inverse
    share of those papers naming it, log(N / df), over log(1000), at most 1. A key one paper in a thousand
    names is 1, one every paper names 0, and a share gives the same value in any corpus size. A
    comparison "a vs b" is as specific as its more specific side."""
    papers_of: dict[str, set[str]] = defaultdict(set)
    papers: set[str] = set()
    for claim in claims:
        for phrase in (claim.factor, claim.comparator):
            if phrase:
                papers_of[index_key(phrase)].add(claim.paper_id)
                papers.add(claim.paper_id)
    total = len(papers)

    def specificity(key: str) -> float:
        shares = (max(1, len(papers_of.get(part, ()))) / max(1, total) for part in key.split(COMPARISON))
        return min(1.0, max(-math.log(share) for share in shares) / SPECIFIC_SHARE)

    return specificity
