"""Whole-graph types: paths, statistics and analysis runs."""

from __future__ import annotations

import json
from typing import Any

import strawberry


@strawberry.type(description="A paper or an entity on a path.")
class PathNode:
    id: strawberry.ID = strawberry.field(description="Paper id or entity key.")
    kind: str = strawberry.field(description="PAPER or ENTITY.")
    name: str | None


@strawberry.type(description="One link of a path: MENTIONS or CITES, with its direction in the graph.")
class PathLink:
    type: str
    source: strawberry.ID
    target: strawberry.ID


@strawberry.type(description="The shortest path between two papers or entities over mentions and citations.")
class Path:
    length: int
    nodes: list[PathNode]
    links: list[PathLink]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Path:
        links = [PathLink(type=link["type"], source=link["start"], target=link["end"]) for link in row["links"]]
        nodes = [PathNode(id=node["id"], kind=node["kind"], name=node.get("name")) for node in row["nodes"]]
        return cls(length=len(links), nodes=nodes, links=links)


@strawberry.type
class LabelCount:
    label: str
    count: int


@strawberry.type(description="Counts of the graph; analysis counts are those of the current run.")
class Stats:
    papers: int
    entities: int
    entities_by_label: list[LabelCount]
    claims: int
    results: int
    mentions: int
    topics: int
    citations: int
    contradictions: int
    current_run: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Stats:
        by_label = [LabelCount(label=item["label"], count=item["count"]) for item in row["entities_by_label"]]
        return cls(
            papers=row["papers"],
            entities=row["entities"],
            entities_by_label=by_label,
            claims=row["claims"],
            results=row["results"],
            mentions=row["mentions"],
            topics=row["topics"],
            citations=row["citations"],
            contradictions=row["contradictions"],
            current_run=row["current_run"],
        )


@strawberry.type(description="One `kg analyze` run; only the current one is what readers see.")
class AnalysisRun:
    id: strawberry.ID
    started_at: str | None
    finished_at: str | None
    status: str | None
    current: bool
    params: str | None = strawberry.field(description="Parameters, as JSON text.")
    summary: str | None = strawberry.field(description="What the run computed, as JSON text.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AnalysisRun:
        return cls(
            id=strawberry.ID(row["id"]),
            started_at=_iso(row.get("started_at")),
            finished_at=_iso(row.get("finished_at")),
            status=row.get("status"),
            current=bool(row.get("current")),
            params=_json_text(row.get("params")),
            summary=_json_text(row.get("summary")),
        )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _json_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, default=str)
