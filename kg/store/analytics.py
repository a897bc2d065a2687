"""Loading the graph for analysis and writing a run back, following the run protocol of docs/GRAPH.md.

All Cypher is in `kg.store.cypher.analytics`; callers name the operation (`write_topics`,
`write_claim_links`, ...), never a statement. `current_run` is the one way to find the run every
reader sees; readers that make several queries read it once and pass its id on (`kg.store.exports`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import neo4j
from neo4j import Driver

from kg.model import ClaimRecord, Corpus, Mention, Paper, PaperNames, RelType
from kg.store.batch import run_batch
from kg.store.cypher import analytics as cypher
from kg.store.cypher import scores
from kg.store.db import run_read, run_read_plain, run_write
from kg.store.version import bump_graph_version_in

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
    """Papers with their mentions and claims, read one page of papers at a time, and the current topics."""
    corpus = Corpus()
    for page in _paper_pages(driver, database, batch_size):
        ids = [row["id"] for row in page]
        corpus.papers.extend(_paper(row) for row in page)
        corpus.names.extend(_names(row) for row in page)
        corpus.mentions.extend(Mention(**row) for row in _rows(driver, cypher.LOAD_MENTIONS, database, ids=ids))
        corpus.claims.extend(_claim(row) for row in _rows(driver, cypher.LOAD_CLAIMS, database, ids=ids))
        if progress:
            progress(len(page))
    corpus.previous_topics = current_topics(driver, database)
    return corpus


def current_topics(driver: Driver, database: str) -> dict[str, int]:
    """Paper id -> topic number in the current run (empty before any run)."""
    return {row["paper_id"]: row["number"] for row in run_read_plain(driver, cypher.LOAD_CURRENT_TOPICS, database)}


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
    lists = {key: tuple(row[key]) for key in ("condition_kinds", "condition_values", "datasets")}
    return ClaimRecord(**{**row, **lists})


def _names(row: dict[str, Any]) -> PaperNames:
    return PaperNames(
        paper_id=row["id"],
        used=tuple(row["names"]),
        defined=tuple(zip(row["defined_names"], row["defined_long_forms"], strict=False)),
        proposed=tuple(row["proposed_names"]),
    )


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


def write_topics(
    driver: Driver, database: str, rows: Rows, *, batch_size: int, progress: Progress | None = None
) -> None:
    """Topic nodes of a run: {id, run, number, label, size, top_terms, top_entities, leaders}."""
    _write_batches(driver, database, cypher.MERGE_TOPICS, rows, batch_size, progress)


def write_topic_members(
    driver: Driver, database: str, rows: Rows, *, batch_size: int, progress: Progress | None = None
) -> None:
    """IN_TOPIC links of a run: {paper_id, topic_id, weight, run}."""
    _write_batches(driver, database, cypher.MERGE_IN_TOPIC, rows, batch_size, progress)


def write_citations(
    driver: Driver, database: str, rows: Rows, *, inferred: bool, batch_size: int, progress: Progress | None = None
) -> None:
    """CITES links: {citing, cited, evidence, confidence, run}; explicit ones (`inferred=False`) belong to no run."""
    statement = cypher.MERGE_INFERRED_CITES if inferred else cypher.MERGE_EXPLICIT_CITES
    _write_batches(driver, database, statement, rows, batch_size, progress)


def write_claim_links(
    driver: Driver,
    database: str,
    rows: Rows,
    *,
    relation: RelType,
    batch_size: int,
    progress: Progress | None = None,
) -> None:
    """CONTRADICTS or SUPPORTS links of a run: {source, target, run, confidence, strength, factor, comparator,
    outcome, reason, differs}."""
    _write_batches(driver, database, CLAIM_LINK_WRITES[relation], rows, batch_size, progress)


CLAIM_LINK_WRITES = {RelType.CONTRADICTS: cypher.MERGE_CONTRADICTS, RelType.SUPPORTS: cypher.MERGE_SUPPORTS}


def _write_batches(
    driver: Driver,
    database: str,
    statement: str,
    rows: Rows,
    batch_size: int,
    progress: Progress | None,
    **params: Any,
) -> None:
    """`statement` over `rows` in batches, each batch its own retried transaction."""
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        run_batch(driver, database, [(statement, chunk)], **params)
        if progress:
            progress(len(chunk))


def write_paper_scores(
    driver: Driver, database: str, rows: Rows, *, run_id: str, batch_size: int, progress: Progress | None = None
) -> None:
    """Per-paper values of run `run_id`: {id, pagerank, citation_count, topic_id}, in batches (`cypher.scores`)."""
    _write_batches(driver, database, scores.WRITE_PAPER_SCORES, rows, batch_size, progress, run=run_id)


def write_entity_scores(
    driver: Driver, database: str, rows: Rows, *, run_id: str, batch_size: int, progress: Progress | None = None
) -> None:
    """Per-entity values of run `run_id`: {key, pagerank, trend_papers, trend_mentions, trend_slope}, in batches."""
    _write_batches(driver, database, scores.WRITE_ENTITY_SCORES, rows, batch_size, progress, run=run_id)


def tag_untagged_scores(driver: Driver, database: str) -> None:
    """Tag per-node values a graph holds from before they were tagged as the current run's (auto-commit, batched)."""
    with driver.session(database=database) as session:
        session.run(scores.TAG_UNTAGGED_PAPER_SCORES).consume()
        session.run(scores.TAG_UNTAGGED_ENTITY_SCORES).consume()


def flip(driver: Driver, database: str, run_id: str, *, summary: dict[str, Any]) -> None:
    """One small transaction: the new run current and complete, the previous one retired.

    The run's per-node values are written before (`write_paper_scores`, `write_entity_scores`); from
    this commit on, readers read them.
    """

    def work(tx: neo4j.ManagedTransaction) -> None:
        tx.run(cypher.FLIP_RETIRE_CURRENT, id=run_id).consume()
        made = tx.run(cypher.FLIP_MAKE_CURRENT, id=run_id, summary=json.dumps(summary, sort_keys=True)).data()
        if not made:
            raise RuntimeError(f"analysis run {run_id} is no longer running; not made current")
        bump_graph_version_in(tx)

    with driver.session(database=database) as session:
        session.execute_write(work)


def delete_other_runs(driver: Driver, database: str, run_id: str) -> None:
    """Remove the topics and run-tagged links of every run but `run_id` (auto-commit, in batches)."""
    with driver.session(database=database) as session:
        session.run(cypher.DELETE_TOPICS_NOT_OF_RUN, id=run_id).consume()
        session.run(cypher.DELETE_LINKS_NOT_OF_RUN, id=run_id).consume()
