"""Each entity's most co-occurring entities: the others mentioned by the most papers that mention it.

Counted exactly over every mention (unlike `kg.analytics.graphs.cooccurrence_graph`, which keeps each
paper's top entities for the ranking): the count of a pair is the number of papers mentioning both.
The run writes each entity's top `top` with its score values, so an entity's co-occurring entities are
read, not counted per request.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Mention


@dataclass(frozen=True, slots=True)
class CoOccurring:
    """An entity's top co-occurring entities (`keys`, most papers first, ties by key), their paper counts,
    and how many distinct entities co-occur with it in all (`total`; equal to `len(keys)` when none were cut)."""

    keys: list[str]
    papers: list[int]
    total: int


def top_cooccurring(mentions: Iterable[Mention], *, top: int = 100) -> dict[str, CoOccurring]:
    """For every mentioned entity, its `top` co-occurring entities by the number of papers mentioning both."""
    keys_of: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        keys_of[mention.paper_id].add(mention.entity_key)
    papers_of: dict[str, list[set[str]]] = defaultdict(list)
    for keys in keys_of.values():
        for key in keys:
            papers_of[key].append(keys)
    return {key: _top(key, papers, top) for key, papers in papers_of.items()}


def _top(key: str, papers: list[set[str]], top: int) -> CoOccurring:
    counts: Counter[str] = Counter()
    for keys in papers:
        counts.update(keys)
    del counts[key]
    ranked = heapq.nsmallest(top, counts.items(), key=lambda item: (-item[1], item[0]))
    return CoOccurring([other for other, _ in ranked], [count for _, count in ranked], len(counts))
