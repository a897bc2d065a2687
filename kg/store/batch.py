"""Several `UNWIND $rows` statements run as one managed (retried) write transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import neo4j
from neo4j import Driver

Statement = tuple[str, Sequence[dict[str, Any]]]


def run_batch(
    driver: Driver, database: str, statements: Sequence[Statement], **params: Any
) -> list[list[dict[str, Any]]]:
    """Run each `(query, rows)` with `$rows` (and `params`) in order, in one transaction; statements with no
    rows are skipped.

    All or nothing: a batch that fails leaves no partial write, and the driver's retry re-runs the
    whole batch, which converges because every statement MERGEs on keys.
    """

    def work(tx: neo4j.ManagedTransaction) -> list[list[dict[str, Any]]]:
        results: list[list[dict[str, Any]]] = []
        for query, rows in statements:
            results.append([record.data() for record in tx.run(query, params, rows=list(rows))] if rows else [])
        return results

    with driver.session(database=database) as session:
        return session.execute_write(work)
