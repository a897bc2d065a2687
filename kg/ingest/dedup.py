"""Telling first sightings of a paper from its repeats within one stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.model import Paper, Reject


def first_occurrences(items: Iterable[Paper | Reject]) -> Iterator[Paper]:
    """Each paper once (its first occurrence), rejects dropped: what an extractor needs.

    Memory grows with the number of distinct ids only (12 characters each), never with the texts.
    """
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Paper) and item.id not in seen:
            seen.add(item.id)
            yield item
