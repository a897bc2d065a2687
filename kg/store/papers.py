"""Writing `kg.model.Paper`s: one batched, idempotent upsert per chunk, plus their provenance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kg.model import Paper
from kg.store.batch import run_batch
from kg.store.cypher.papers import (
    COUNT_NODES,
    COUNT_PAPERS,
    MERGE_LISTINGS,
    MERGE_ORGANIZATIONS,
    UPSERT_PAPERS,
    WIPE_NODES,
    WIPE_RELATIONSHIPS,
)
from kg.store.db import run_read
from kg.store.version import bump_graph_version

PAPER_FIELDS = (
    "title",
    "abstract",
    "date",
    "year",
    "month",
    "day",
    "authors",
    "author_count",
    "organization",
    "upvotes",
    "doi",
    "arxiv_id",
    "references",
)


@dataclass(frozen=True, slots=True)
class Upserted:
    """What one paper write found: `status` is "new", "updated" or "unchanged"."""

    id: str
    status: str
    extracted_with: str | None


def paper_props(paper: Paper) -> dict[str, Any]:
    """The node properties of `paper`; absent fields (None, empty lists) are left out, never written as null."""
    props = {name: getattr(paper, name) for name in PAPER_FIELDS}
    return {name: value for name, value in props.items() if value is not None and value != []}


def paper_rows(papers: Sequence[Paper]) -> list[dict[str, Any]]:
    return [{"id": paper.id, "props": paper_props(paper)} for paper in papers]


def listing_rows(papers: Sequence[Paper]) -> list[dict[str, Any]]:
    return [
        {"paper_id": paper.id, "source": occ.source, "line": occ.line, "position": occ.position}
        for paper in papers
        for occ in paper.occurrences
    ]


def organization_rows(papers: Sequence[Paper]) -> list[dict[str, Any]]:
    return [{"paper_id": paper.id, "organization": paper.organization} for paper in papers if paper.organization]


def write_papers(driver: Driver, database: str, papers: Sequence[Paper]) -> list[Upserted]:
    """Upsert `papers` (one chunk) with their listings and organisations; report each paper's status."""
    if not papers:
        return []
    statements = [
        (UPSERT_PAPERS, paper_rows(papers)),
        (MERGE_LISTINGS, listing_rows(papers)),
        (MERGE_ORGANIZATIONS, organization_rows(papers)),
    ]
    rows = run_batch(driver, database, statements)[0]
    bump_graph_version(driver, database)
    return [Upserted(row["id"], row["status"], row["extracted_with"]) for row in rows]


def count_papers(driver: Driver, database: str) -> int:
    return int(run_read(driver, COUNT_PAPERS, database)[0]["count"])


def count_nodes(driver: Driver, database: str) -> int:
    return int(run_read(driver, COUNT_NODES, database)[0]["count"])


def wipe_graph(driver: Driver, database: str, batch: int = 10_000) -> None:
    """Delete everything in the graph, relationships first, in batches (benchmarks only, behind their --wipe)."""
    with driver.session(database=database) as session:
        session.run(WIPE_RELATIONSHIPS, batch=batch).consume()
        session.run(WIPE_NODES, batch=batch).consume()
