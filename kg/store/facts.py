"""The graph's facts as plain, comparable rows (`kg/store/cypher/facts.py`).

Two graphs hold the same facts when `graph_facts` gives equal lists: how the Dask engine's and the
bulk import's graphs are checked against the single-process ingest. The version stamp is left out: it
counts commits, which differ between two ways of writing the same facts.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from kg.store.cypher.facts import FACT_LABELS, FACT_NODES, FACT_RELATIONSHIPS
from kg.store.db import run_read


def graph_facts(driver: Driver, database: str) -> list[str]:
    """Every node (labels, properties) and relationship (type, ends, properties), as sorted strings."""
    nodes, relationships = fact_rows(driver, database)
    return as_facts(nodes + relationships)


def fact_rows(driver: Driver, database: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of `graph_facts` before they become strings: nodes {labels (sorted), props} and relationships
    {type, start, end, props}."""
    nodes = [{**row, "labels": sorted(row["labels"])} for row in run_read(driver, FACT_NODES, database)]
    return nodes, run_read(driver, FACT_RELATIONSHIPS, database)


def as_facts(rows: list[dict[str, Any]]) -> list[str]:
    """Rows of `fact_rows` as the sorted strings of `graph_facts`."""
    return sorted(repr(sorted((key, _plain(value)) for key, value in row.items())) for row in rows)


def fact_labels(driver: Driver, database: str) -> set[str]:
    """The node labels the graph's facts use."""
    return set(run_read(driver, FACT_LABELS, database)[0]["labels"])


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((key, _plain(item)) for key, item in value.items())
    return value
