"""What "the same graph" means for the fault tests: counts by label and type, and the derived totals."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kg.store.db import run_read
from kg.store.stats import graph_stats

# Per-entity totals are derived from MENTIONS at the end of an ingest: a run cut short must not leave them stale.
ENTITY_TOTALS = """
MATCH (e:Entity)
RETURN e.key AS key, e.mentions AS mentions, e.paper_count AS papers, e.name AS name
ORDER BY key
"""
PAPER_STATE = """
MATCH (p:Paper)
OPTIONAL MATCH (p)-[l:LISTED_IN]->(s:Source)
WITH p, count(l) AS listings
RETURN p.id AS id, p.extractor_version AS version, listings
ORDER BY id
"""
MENTION_SUM = "MATCH (:Paper)-[m:MENTIONS]->(:Entity) RETURN sum(m.count) AS mentions"


def graph_state(driver: Driver, database: str = "neo4j") -> dict[str, Any]:
    """Everything an ingest writes, in a form two runs can be compared by (equal means nothing lost or doubled)."""
    stats = graph_stats(driver, database)
    return {
        "nodes": {label: n for label, n in stats.nodes.items() if n},
        "relationships": {rel: n for rel, n in stats.relationships.items() if n},
        "mention_sum": run_read(driver, MENTION_SUM, database)[0]["mentions"],
        "papers": run_read(driver, PAPER_STATE, database),
        "entities": run_read(driver, ENTITY_TOTALS, database),
    }


def differences(left: dict[str, Any], right: dict[str, Any]) -> list[str]:
    """Readable differences between two graph states (empty when equal)."""
    found = []
    for key in ("nodes", "relationships", "mention_sum"):
        if left[key] != right[key]:
            found.append(f"{key}: {left[key]} != {right[key]}")
    for key in ("papers", "entities"):
        left_rows, right_rows = _rows(left[key]), _rows(right[key])
        only_left, only_right = sorted(left_rows - right_rows), sorted(right_rows - left_rows)
        if only_left or only_right:
            found.append(f"{key}: {len(only_left)} rows differ, e.g. {only_left[:6]} vs {only_right[:6]}")
    return found


def _rows(rows: list[dict[str, Any]]) -> set[tuple[tuple[str, Any], ...]]:
    return {tuple(sorted(row.items())) for row in rows}
