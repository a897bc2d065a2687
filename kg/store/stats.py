"""`kg stats`: what the graph holds, by node label and relationship type."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from kg.store.cypher.stats import COUNT_NODES_BY_LABEL, COUNT_RELATIONSHIPS_BY_TYPE
from kg.store.db import run_read


@dataclass(frozen=True, slots=True)
class GraphStats:
    nodes: dict[str, int]  # label -> count (a node with two labels counts under both)
    relationships: dict[str, int]  # type -> count

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"nodes": dict(self.nodes), "relationships": dict(self.relationships)}


def graph_stats(driver: Driver, database: str) -> GraphStats:
    nodes = {row["label"]: int(row["count"]) for row in run_read(driver, COUNT_NODES_BY_LABEL, database)}
    rels = {row["type"]: int(row["count"]) for row in run_read(driver, COUNT_RELATIONSHIPS_BY_TYPE, database)}
    return GraphStats(nodes, rels)
