"""Trends: how often each entity is mentioned, per publication month and per year, where dates exist."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from kg.model import Mention, Paper


def entity_trends(papers: Sequence[Paper], mentions: Iterable[Mention]) -> dict[str, dict[str, int]]:
    """entity key -> {"2024": mentions, "2024-05": mentions, ...}; undated papers are left out."""
    periods: dict[str, list[str]] = {}
    for paper in papers:
        if paper.year:
            periods[paper.id] = [f"{paper.year:04d}"] + ([f"{paper.year:04d}-{paper.month:02d}"] if paper.month else [])
    trends: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        for period in periods.get(mention.paper_id, ()):
            trends[mention.entity_key][period] += mention.count
    return {key: dict(sorted(counts.items())) for key, counts in sorted(trends.items())}
