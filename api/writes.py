"""What the mutations do, wired from the packages that own it: ingestion (with extraction) and analysis.

These run in a worker thread (they block) and are only reached by callers holding the API key.
The extractor loads once per process, on first use.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

import strawberry
from neo4j import Driver

from api.graphql.types.mutation import AnalysisSummary, IngestSummary
from kg.model import Paper
from kg.settings import Settings

_write_lock = threading.Lock()  # one write job at a time per process


@cache
def _extractor() -> Any:
    from extractors.pipeline import load_extractor

    return load_extractor()


def ingest_papers(driver: Driver, settings: Settings, papers: Sequence[Paper]) -> IngestSummary:
    """Upsert the papers; extract entities, results and claims from new or changed ones (as `kg ingest` does)."""
    from kg.store.extraction import write_extractions
    from kg.store.papers import write_papers

    database = settings.neo4j_database
    extractor = _extractor()
    with _write_lock:
        written = {row.id: row for row in write_papers(driver, database, papers)}
        todo = [
            p
            for p in papers
            if written[p.id].status != "unchanged" or written[p.id].extracted_with != extractor.version
        ]
        write_extractions(driver, database, list(extractor.extract_many(todo)))  # refreshes entity totals too
    statuses = [row.status for row in written.values()]
    return IngestSummary(
        paper_ids=[strawberry.ID(paper_id) for paper_id in written],
        new=statuses.count("new"),
        updated=statuses.count("updated"),
        unchanged=statuses.count("unchanged"),
        extracted=len(todo),
        extractor_version=extractor.version,
    )


def run_analysis(driver: Driver, settings: Settings) -> AnalysisSummary:
    """One analysis run, made current when it completes (kg.analytics owns the run protocol)."""
    from kg.analytics.pipeline import AnalysisParams
    from kg.analytics.runs import run_analysis as analyze

    params = AnalysisParams(resolution=settings.topic_resolution, seed=settings.seed)
    with _write_lock:
        outcome = analyze(driver, settings.neo4j_database, params, batch_size=settings.batch_size)
    return AnalysisSummary(
        run_id=strawberry.ID(outcome.run_id),
        status="complete",
        summary=json.dumps(outcome.summary, default=str),
    )
