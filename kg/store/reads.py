"""Read-side queries over the knowledge graph, for the API and the reports.

`GraphReader` runs the statements of `kg/store/cypher/reads.py` as single auto-commit reads, each
with a timeout and without the driver's retry loop, so a caller that serves people (the API) fails
fast when Neo4j is gone instead of retrying for many seconds. Every call is one Bolt round trip;
`round_trips` counts them (the API's tests use it to prove that DataLoaders batch).

Rows come back as plain dicts with the graph's property names (see docs/GRAPH.md).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver, Query

from kg.store.cypher import projection
from kg.store.cypher import reads as cypher
from kg.store.cypher.version import GRAPH_VERSION
from kg.store.explorer_reads import ExplorerReads
from kg.store.shapes import EntityShape, PaperShape, TopicShape

Row = dict[str, Any]
MAX_PATH_HOPS = cypher.MAX_PATH_HOPS  # the longest path `shortest_path` looks for


@dataclass(frozen=True, slots=True)
class PaperFilter:
    """Optional filters of a paper listing; `None` means no filter."""

    text: str | None = None
    topic: str | None = None
    entity: str | None = None
    label: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def pick(self, of_topic: str, of_entity: str, of_all: str) -> str:
        """The statement anchored on the most selective filter given."""
        if self.topic is not None:
            return of_topic
        return of_entity if self.entity is not None else of_all

    def active(self) -> tuple[str, ...]:
        """The names of the filters given (not None)."""
        return tuple(name for name, value in self.params().items() if value is not None)

    def params(self) -> dict[str, Any]:
        return {
            "text": self.text.lower() if self.text else None,
            "topic": self.topic,
            "entity": self.entity,
            "label": self.label,
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Optional filters of a claim listing; `min_confidence` keeps claims in a contradiction at or above it."""

    factor: str | None = None
    paper_id: str | None = None
    min_confidence: float | None = None

    def params(self) -> dict[str, Any]:
        return {"factor": self.factor, "paper_id": self.paper_id, "min_confidence": self.min_confidence}


@dataclass(frozen=True, slots=True)
class After:
    """Where a keyset page starts: the sort key and id of the last row of the previous page."""

    key: Any = None
    id: str | None = None


FIRST_PAGE = After()


class GraphReader(ExplorerReads):
    """The read queries, bound to one driver and database (the explorer's in `ExplorerReads`)."""

    def __init__(self, driver: Driver, database: str, *, timeout: float = 10.0) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.round_trips = 0
        self._lock = threading.Lock()

    def run(self, statement: str, **params: Any) -> list[Row]:
        """One read, one round trip: auto-commit, read access, a server-side timeout, no retries."""
        with self._lock:
            self.round_trips += 1
        with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
        ) as session:
            result = session.run(Query(statement, timeout=self.timeout), params)
            return [record.data() for record in result]

    def values(self, statement: str, params: dict[str, Any]) -> list[Any]:
        """`run` for statements of one column of plain values (maps, lists, strings, numbers): that column.

        The values are taken as the driver decodes them, without `Record.data()`'s recursive copy.
        """
        with self._lock:
            self.round_trips += 1
        return self._column(statement, params)

    def _column(self, statement: str, params: dict[str, Any]) -> list[Any]:
        with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
        ) as session:
            return [record[0] for record in session.run(Query(statement, timeout=self.timeout), params)]

    def graph_version(self) -> int:
        """The counter every ingest and analysis commit bumps (0 before the first); not a counted round trip,
        since a server reads it on its own clock, not per request."""
        return int(self._column(GRAPH_VERSION, {})[0])

    def ping(self) -> bool:
        return self.run(cypher.PING)[0]["ok"] == 1

    # Papers
    def paper_page(self, where: PaperFilter, after: After, limit: int) -> list[Row]:
        statement = where.pick(cypher.PAGE_PAPERS_OF_TOPIC, cypher.PAGE_PAPERS_OF_ENTITY, cypher.PAGE_PAPERS)
        rows = self.run(statement, **where.params(), after_id=after.id, limit=limit)
        return [row["paper"] for row in rows]

    def paper_count(self, where: PaperFilter) -> int:
        statement = where.pick(cypher.COUNT_PAPERS_OF_TOPIC, cypher.COUNT_PAPERS_OF_ENTITY, cypher.COUNT_PAPERS)
        return int(self.run(statement, **where.params())[0]["total"])

    def papers_by_id(self, ids: list[str]) -> dict[str, Row]:
        return {row["id"]: row["paper"] for row in self.run(cypher.PAPERS_BY_ID, ids=ids)}

    def search_papers(self, query: str, limit: int) -> list[Row]:
        return self.run(cypher.SEARCH_PAPERS, query=query, limit=limit)

    def cites(self, paper_id: str) -> list[Row]:
        return self.run(cypher.CITES_OF_PAPER, id=paper_id)

    def cited_by(self, paper_id: str) -> list[Row]:
        return self.run(cypher.CITED_BY_OF_PAPER, id=paper_id)

    # Projections: one read for a root field and what the shape nests under it (kg/store/shapes.py)
    def project_paper(self, paper_id: str, shape: PaperShape) -> Row | None:
        statement = projection.paper_by_id(shape)
        return _first(self.values(statement.text, {**statement.params, "id": paper_id}))

    def project_paper_page(self, where: PaperFilter, after: After, limit: int, shape: PaperShape) -> list[Row]:
        statement = projection.paper_page(where.active(), shape, after=after.id is not None)
        params = {**statement.params, **where.params(), "after_id": after.id, "limit": limit}
        return list(self.values(statement.text, params)[0])

    def project_entity(self, keys: list[str], shape: EntityShape) -> Row | None:
        """The first of `keys` that names an entity."""
        statement = projection.entity_by_keys(shape)
        return _first(self.values(statement.text, {**statement.params, "keys": keys}))

    def project_topic(self, topic_id: str, shape: TopicShape) -> Row | None:
        statement = projection.topic_by_id(shape)
        return _first(self.values(statement.text, {**statement.params, "id": topic_id}))

    # Per-paper and per-claim lists (batched)
    def entities_of_papers(self, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(self.run(cypher.ENTITIES_OF_PAPERS, ids=ids), "entities")

    def topics_of_papers(self, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(self.run(cypher.TOPICS_OF_PAPERS, ids=ids), "topics")

    def claims_of_papers(self, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(self.run(cypher.CLAIMS_OF_PAPERS, ids=ids), "claims")

    def results_of_papers(self, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(self.run(cypher.RESULTS_OF_PAPERS, ids=ids), "results")

    def entities_of_claims(self, ids: list[str]) -> dict[str, list[Row]]:
        return _grouped(self.run(cypher.ENTITIES_OF_CLAIMS, ids=ids), "entities")

    # Entities
    def entities_by_key(self, keys: list[str]) -> dict[str, Row]:
        return {row["key"]: row["entity"] for row in self.run(cypher.ENTITIES_BY_KEY, keys=keys)}

    def entity_page(self, order: str, label: str | None, after: After, limit: int) -> list[Row]:
        statement = ENTITY_ORDERS[order]
        return self.run(statement, label=label, after_key=after.key, after_id=after.id, limit=limit)

    def entity_count(self, label: str | None) -> int:
        return int(self.run(cypher.COUNT_ENTITIES, label=label)[0]["total"])

    def co_occurring(self, key: str, limit: int) -> list[Row]:
        return self.run(cypher.CO_OCCURRING_ENTITIES, key=key, limit=limit)

    def results_of_entity(self, key: str, limit: int) -> list[Row]:
        return [row["result"] for row in self.run(cypher.RESULTS_OF_ENTITY, key=key, limit=limit)]

    def claims_of_entity(self, key: str, limit: int) -> list[Row]:
        return [row["claim"] for row in self.run(cypher.CLAIMS_OF_ENTITY, key=key, limit=limit)]

    # Topics (current analysis run)
    def topics(self) -> list[Row]:
        return [row["topic"] for row in self.run(cypher.TOPICS)]

    def topic(self, topic_id: str) -> Row | None:
        rows = self.run(cypher.TOPIC_BY_ID, id=topic_id)
        return rows[0]["topic"] if rows else None

    def top_entities_of_topic(self, topic_id: str, limit: int) -> list[Row]:
        return self.run(cypher.TOP_ENTITIES_OF_TOPIC, id=topic_id, limit=limit)

    def citation_leaders_of_topic(self, topic_id: str, limit: int) -> list[Row]:
        return [row["paper"] for row in self.run(cypher.CITATION_LEADERS_OF_TOPIC, id=topic_id, limit=limit)]

    # Claims and contradictions
    def claim_page(self, filters: ClaimFilter, after: After, limit: int) -> list[Row]:
        rows = self.run(cypher.PAGE_CLAIMS, **filters.params(), after_id=after.id, limit=limit)
        return [row["claim"] for row in rows]

    def claim_count(self, filters: ClaimFilter) -> int:
        return int(self.run(cypher.COUNT_CLAIMS, **filters.params())[0]["total"])

    def claims_by_id(self, ids: list[str]) -> dict[str, Row]:
        return {row["id"]: row["claim"] for row in self.run(cypher.CLAIMS_BY_ID, ids=ids)}

    def contradiction_page(self, factor: str | None, min_confidence: float, after: After, limit: int) -> list[Row]:
        return self.run(
            cypher.PAGE_CONTRADICTIONS,
            factor=factor,
            min_confidence=min_confidence,
            after_key=after.key,
            after_id=after.id,
            limit=limit,
        )

    def contradiction_count(self, factor: str | None, min_confidence: float) -> int:
        return int(self.run(cypher.COUNT_CONTRADICTIONS, factor=factor, min_confidence=min_confidence)[0]["total"])

    # Paths, statistics, runs
    def path_endpoints(self, ids: list[str]) -> dict[str, Row]:
        return {row["id"]: row for row in self.run(cypher.PATH_ENDPOINTS, ids=ids)}

    def shortest_path(self, from_id: str, to_id: str, max_hops: int) -> Row | None:
        """The shortest path of at most `max_hops` (1 … `MAX_PATH_HOPS`) links, or None."""
        hops = min(max(max_hops, 1), MAX_PATH_HOPS)
        rows = self.run(cypher.SHORTEST_PATH[hops], from_id=from_id, to_id=to_id)
        return rows[0] if rows else None

    def stats(self) -> Row:
        return self.run(cypher.STATS)[0]

    def analysis_runs(self, limit: int) -> list[Row]:
        return [row["run"] for row in self.run(cypher.ANALYSIS_RUNS, limit=limit)]


ENTITY_ORDERS = {
    "MENTIONS": cypher.PAGE_ENTITIES_BY_MENTIONS,
    "PAGERANK": cypher.PAGE_ENTITIES_BY_PAGERANK,
    "NAME": cypher.PAGE_ENTITIES_BY_NAME,
}


def _first(values: list[Any]) -> Row | None:
    return dict(values[0]) if values else None


def _grouped(rows: list[Row], column: str) -> dict[str, list[Row]]:
    return {row["id"]: row[column] for row in rows}
