"""Loading the graph for analysis and writing a run back, following the run protocol of docs/GRAPH.md.

All Cypher is in `kg.store.cypher.analytics`. Readers of analysis results (API, reports) can use
`current_run` to find the run every reader sees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import neo4j
from neo4j import Driver

from kg.analytics.records import ClaimRecord, Corpus, Mention
from kg.model import Paper
from kg.store.batch import run_batch
from kg.store.cypher import analytics as cypher
from kg.store.db import run_read, run_read_plain, run_write

Rows = Sequence[dict[str, Any]]
Progress = Callable[[int], None]


def current_run(driver: Driver, database: str) -> dict[str, Any] | None:
    """The run every reader sees (`current: true`), with `params` and `summary` decoded; None before any run."""
    rows = run_read(driver, cypher.CURRENT_RUN, database)
    if not rows:
        return None
    run = dict(rows[0]["run"])
    for key in ("params", "summary"):
        if isinstance(run.get(key), str):
            run[key] = json.loads(run[key])
    return run


def load_corpus(driver: Driver, database: str, *, batch_size: int = 1000, progress: Progress | None = None) -> Corpus:
    """Papers with their mentions and claims, read one page of papers at a time."""
    corpus = Corpus()
    for page in _paper_pages(driver, database, batch_size):
        ids = [row["id"] for row in page]
        corpus.papers.extend(_paper(row) for row in page)
        corpus.mentions.extend(Mention(**row) for row in _rows(driver, cypher.LOAD_MENTIONS, database, ids=ids))
        corpus.claims.extend(_claim(row) for row in _rows(driver, cypher.LOAD_CLAIMS, database, ids=ids))
        if progress:
            progress(len(page))
    return corpus


def _paper_pages(driver: Driver, database: str, batch_size: int) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        page = _rows(driver, cypher.LOAD_PAPERS, database, after=after, limit=batch_size)
        if not page:
            return
        yield page
        after = page[-1]["id"]


def _rows(driver: Driver, statement: str, database: str, **params: Any) -> list[dict[str, Any]]:
    """The `rows` list of a load statement's single record."""
    records = run_read_plain(driver, statement, database, **params)
    return list(records[0]["rows"]) if records else []


def _claim(row: dict[str, Any]) -> ClaimRecord:
    conditions = {key: tuple(row[key]) for key in ("condition_kinds", "condition_values")}
    return ClaimRecord(**{**row, **conditions})


def _paper(row: dict[str, Any]) -> Paper:
    return Paper(
        id=row["id"],
        title=row["title"] or "",
        abstract=row["abstract"] or "",
        date=row["date"],
        year=row["year"],
        month=row["month"],
        day=row["day"],
        doi=row["doi"],
        arxiv_id=row["arxiv_id"],
        references=list(row["references"] or []),
    )


def start_run(driver: Driver, database: str, run_id: str, params: dict[str, Any], fingerprint: str) -> int:
    """Create the run node (status `running`, not current); returns how many abandoned runs were marked failed.

    `fingerprint` is the digest of the corpus the run reads (`Corpus.fingerprint`).
    """
    params_json = json.dumps(params, sort_keys=True)
    run_write(driver, cypher.START_RUN, database, id=run_id, params=params_json, fingerprint=fingerprint)
    rows = run_write(driver, cypher.MARK_ABANDONED_RUNS, database, id=run_id)
    return int(rows[0]["abandoned"]) if rows else 0


def fail_run(driver: Driver, database: str, run_id: str, error: str) -> None:
    run_write(driver, cypher.FAIL_RUN, database, id=run_id, error=error[:500])


def write_rows(
    driver: Driver, database: str, statement: str, rows: Rows, *, batch_size: int, progress: Progress | None = None
) -> None:
    """`statement` over `rows` in batches, each batch its own retried transaction."""
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        run_batch(driver, database, [(statement, chunk)])
        if progress:
            progress(len(chunk))


def flip(driver: Driver, database: str, run_id: str, *, papers: Rows, entities: Rows, summary: dict[str, Any]) -> None:
    """One transaction: per-node scores, the new run current and complete, the previous one retired."""

    def work(tx: neo4j.ManagedTransaction) -> None:
        tx.run(cypher.FLIP_PAPER_SCORES, rows=list(papers)).consume()
        tx.run(cypher.FLIP_ENTITY_SCORES, rows=list(entities)).consume()
        tx.run(cypher.FLIP_RETIRE_CURRENT, id=run_id).consume()
        made = tx.run(cypher.FLIP_MAKE_CURRENT, id=run_id, summary=json.dumps(summary, sort_keys=True)).data()
        if not made:
            raise RuntimeError(f"analysis run {run_id} is no longer running; not made current")

    with driver.session(database=database) as session:
        session.execute_write(work)


def delete_other_runs(driver: Driver, database: str, run_id: str) -> None:
    """Remove the topics and run-tagged links of every run but `run_id` (auto-commit, in batches)."""
    with driver.session(database=database) as session:
        session.run(cypher.DELETE_TOPICS_NOT_OF_RUN, id=run_id).consume()
        session.run(cypher.DELETE_LINKS_NOT_OF_RUN, id=run_id).consume()


def export_rows(driver: Driver, database: str, statement: str, **params: Any) -> list[dict[str, Any]]:
    return run_read(driver, statement, database, **params)


def export_paper_pages(driver: Driver, database: str, batch_size: int = 5000) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        page = run_read(driver, cypher.EXPORT_PAPERS, database, after=after, limit=batch_size)
        if not page:
            return
        yield page
        after = page[-1]["paper_id"]
