"""The graph version (`kg/store/cypher/version.py`): bumped by every write that readers can see."""

from __future__ import annotations

import neo4j
from neo4j import Driver

from kg.store.cypher.version import BUMP_GRAPH_VERSION
from kg.store.db import run_write


def bump_graph_version(driver: Driver, database: str) -> int:
    """A new graph version, after a commit of papers or extractions (its own transaction)."""
    return int(run_write(driver, BUMP_GRAPH_VERSION, database)[0]["version"])


def bump_graph_version_in(tx: neo4j.ManagedTransaction) -> None:
    """A new graph version, committed with the transaction `tx` (the analysis flip)."""
    tx.run(BUMP_GRAPH_VERSION).consume()
