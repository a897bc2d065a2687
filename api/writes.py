"""What the mutations do, wired from the packages that own it: `kg.ingest.pipeline.ingest` (with the
extractor) and `kg.analytics.runs.run_analysis`.

One `Writes` per app, made in its lifespan when mutations are on (an API key is configured): the
extractor is loaded there, once, and one lock lets one write job run at a time. The methods block;
the resolvers run them in a worker thread.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

import strawberry
from neo4j import Driver

from api.graphql.types.mutation import AnalysisSummary, IngestSummary
from kg.model import Paper
from kg.settings import Settings


class Writes:
    def __init__(self, driver: Driver, settings: Settings, extractor: Any) -> None:
        self.driver = driver
        self.settings = settings
        self.extractor = extractor  # extractors.pipeline.Extractor: `extract_many` and `version`
        self._lock = threading.Lock()

    @classmethod
    def load(cls, driver: Driver, settings: Settings) -> Writes:
        from extractors.pipeline import load_extractor

        return cls(driver, settings, load_extractor())

    def ingest(self, papers: Sequence[Paper]) -> IngestSummary:
        """Upsert the papers; extract entities, results and claims from new or changed ones (as `kg ingest` does)."""
        from kg.ingest.pipeline import ingest

        with self._lock:
            summary = ingest(
                self.driver,
                self.settings,
                papers,
                self.extractor.extract_many,
                extractor_version=self.extractor.version,
                write_rejects=False,  # the papers come validated by the schema; the CLI's rejects file stays
            )
        return IngestSummary(
            paper_ids=[strawberry.ID(paper_id) for paper_id in summary.paper_ids],
            new=summary.new,
            updated=summary.updated,
            unchanged=summary.unchanged,
            extracted=summary.extracted,
            extractor_version=self.extractor.version,
        )

    def run_analysis(self) -> AnalysisSummary:
        """One analysis run, made current when it completes (kg.analytics owns the run protocol)."""
        from kg.analytics.pipeline import AnalysisParams
        from kg.analytics.runs import run_analysis as analyze

        params = AnalysisParams(resolution=self.settings.topic_resolution, seed=self.settings.seed)
        with self._lock:
            outcome = analyze(self.driver, self.settings.neo4j_database, params, batch_size=self.settings.batch_size)
        return AnalysisSummary(
            run_id=strawberry.ID(outcome.run_id),
            status="complete",
            summary=json.dumps(outcome.summary, default=str),
        )
