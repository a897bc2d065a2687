"""Applying the graph schema (constraints, indexes, full-text indexes): idempotent, called by every ingest."""

from __future__ import annotations

from neo4j import Driver

from kg.store.cypher.schema import AWAIT_INDEXES, SCHEMA_STATEMENTS

INDEX_WAIT_SECONDS = 120


def apply_schema(driver: Driver, database: str, *, wait_seconds: int = INDEX_WAIT_SECONDS) -> int:
    """Create every constraint and index that is missing, wait until they are online; return the statement count.

    Schema statements cannot share a transaction with data writes, so each runs in its own
    auto-commit transaction.
    """
    with driver.session(database=database) as session:
        for statement in SCHEMA_STATEMENTS:
            session.run(statement).consume()
        session.run(AWAIT_INDEXES, seconds=wait_seconds).consume()
    return len(SCHEMA_STATEMENTS)
