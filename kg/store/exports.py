"""Reads of `kg export`: one run's data, that run named by the caller (`kg.store.analytics.current_run`).

Each function runs one statement of `kg.store.cypher.exports` and returns plain rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import Driver

from kg.store.cypher import exports as cypher
from kg.store.db import run_read

Row = dict[str, Any]


def export_paper_pages(driver: Driver, database: str, run_id: str, batch_size: int = 5000) -> Iterator[list[Row]]:
    """Every paper with its scores and its topic in `run_id`, a keyset page at a time."""
    after = ""
    while True:
        page = run_read(driver, cypher.EXPORT_PAPERS, database, run_id=run_id, after=after, limit=batch_size)
        if not page:
            return
        yield page
        after = page[-1]["paper_id"]


def export_topics(driver: Driver, database: str, run_id: str) -> list[Row]:
    return [row["topic"] for row in run_read(driver, cypher.EXPORT_TOPICS, database, run_id=run_id)]


def export_citations(driver: Driver, database: str, run_id: str) -> list[Row]:
    """Explicit citations and the inferred ones of `run_id`."""
    return run_read(driver, cypher.EXPORT_CITATIONS, database, run_id=run_id)


def export_claim_links(driver: Driver, database: str, run_id: str, min_confidence: float = 0.0) -> list[Row]:
    """CONTRADICTS and SUPPORTS links of `run_id` at or above `min_confidence` (`relation` says which), with
    both claims, their frames and papers."""
    return run_read(driver, cypher.EXPORT_CLAIM_LINKS, database, run_id=run_id, min_confidence=min_confidence)


def export_entities(driver: Driver, database: str, run_id: str) -> list[Row]:
    """{key, label, name, pagerank}: every entity, with its PageRank in `run_id`."""
    return run_read(driver, cypher.EXPORT_ENTITIES, database, run_id=run_id)


def export_mentions(driver: Driver, database: str) -> list[Row]:
    return run_read(driver, cypher.EXPORT_MENTIONS, database)


def export_trends(driver: Driver, database: str, run_id: str) -> list[Row]:
    """{entity_key, papers, mentions, slope} of every entity with a trend in `run_id`."""
    return run_read(driver, cypher.EXPORT_TRENDS, database, run_id=run_id)
