"""Reads for reports: each method runs one constant of `kg.store.cypher.reports` and returns its rows."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import Driver, NotificationDisabledClassification

from kg.store.cypher import reports as q

Rows = list[dict[str, Any]]


class ReportReader:
    """The report's window onto the graph: one driver, one database, read-only queries."""

    def __init__(self, driver: Driver, database: str) -> None:
        self._driver = driver
        self._database = database

    def _read(self, query: str, **params: Any) -> Rows:
        """One managed read. Before the first analysis run, properties such as `pagerank` do not exist
        yet; the server's "unknown property" notices about that are expected and silenced."""

        def work(tx: neo4j.ManagedTransaction) -> Rows:
            return [record.data() for record in tx.run(query, params)]

        with self._driver.session(
            database=self._database,
            default_access_mode=neo4j.READ_ACCESS,
            notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
        ) as session:
            return session.execute_read(work)

    def current_run(self) -> dict[str, Any] | None:
        rows = self._read(q.CURRENT_RUN)
        return rows[0] if rows else None

    def paper_overview(self) -> dict[str, Any]:
        return self._read(q.PAPER_OVERVIEW)[0]

    def entities_by_label(self) -> dict[str, int]:
        return {str(r["label"]): int(r["entities"]) for r in self._read(q.ENTITIES_BY_LABEL)}

    def fact_counts(self) -> dict[str, Any]:
        return self._read(q.FACT_COUNTS)[0]

    def link_counts(self, run_id: str | None) -> dict[str, Any]:
        return self._read(q.CURRENT_LINK_COUNTS, run_id=run_id)[0]

    def topics(self, run_id: str | None) -> Rows:
        return self._read(q.CURRENT_TOPICS, run_id=run_id)

    def topic_links(self, run_id: str | None) -> Rows:
        return self._read(q.CURRENT_TOPIC_LINKS, run_id=run_id)

    def dated_papers(self) -> Rows:
        return self._read(q.DATED_PAPERS)

    def entity_papers(self, min_papers: int) -> Rows:
        return self._read(q.ENTITY_PAPERS, min_papers=min_papers)

    def most_cited(self, run_id: str | None, limit: int) -> Rows:
        return self._read(q.MOST_CITED_PAPERS, run_id=run_id, limit=limit)

    def most_central(self, run_id: str | None, limit: int) -> Rows:
        return self._read(q.MOST_CENTRAL_PAPERS, run_id=run_id, limit=limit)

    def top_entities(self, limit: int) -> Rows:
        return self._read(q.TOP_ENTITIES_PER_LABEL, limit=limit)

    def contradictions(self, run_id: str | None, limit: int, min_confidence: float) -> Rows:
        """The current run's contradictions at or above `min_confidence`, most confident first."""
        return self._read(q.CURRENT_CONTRADICTIONS, run_id=run_id, limit=limit, min_confidence=min_confidence)

    def paper_titles(self) -> dict[str, str]:
        return {str(r["id"]): str(r["title"]) for r in self._read(q.PAPER_TITLES)}
