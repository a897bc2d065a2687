"""`kg export DIR`: the current analysis run as JSON Lines files and one GraphML file (see docs/analytics.md).

Files: papers.jsonl, topics.jsonl (one row per paper, as `../shared/eval/score_graph.py` reads it),
topic_summaries.jsonl, citations.jsonl, contradictions.jsonl, supports.jsonl, trends.jsonl, run.json
and graph.graphml (papers, entities and topics with their links, for Gephi).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver

from kg.analytics.confidence import default_min_confidence
from kg.errors import KgError
from kg.store import analytics as store
from kg.store import exports

CLAIM_LINK_FIELDS = (
    "a_paper_id",
    "a_title",
    "a_claim_id",
    "a_claim",
    "b_paper_id",
    "b_title",
    "b_claim_id",
    "b_claim",
    "confidence",
    "factor",
    "comparator",
    "outcome",
    "reason",
    "differs",
    "a_frame",
    "b_frame",
)


class NoAnalysisRun(KgError):
    """There is nothing to export before `kg analyze` has completed once."""


def export_run(
    driver: Driver, database: str, directory: Path, *, min_confidence: float | None = None
) -> dict[str, int]:
    """Write every export file into `directory` (created if missing); returns rows written per file.

    Claim links are written at or above `min_confidence` (default: the calibrated default; 0 writes all)."""
    run = store.current_run(driver, database)
    if run is None:
        raise NoAnalysisRun("no analysis run is current yet: run `kg analyze` first")
    directory.mkdir(parents=True, exist_ok=True)
    run_id = str(run["id"])
    papers = [row for page in exports.export_paper_pages(driver, database, run_id) for row in page]
    topics = exports.export_topics(driver, database, run_id)
    citations = exports.export_citations(driver, database, run_id)
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    links = exports.export_claim_links(driver, database, run_id, min_confidence=threshold)
    entities = exports.export_entities(driver, database, run_id)
    mentions = exports.export_mentions(driver, database)
    trends = exports.export_trends(driver, database, run_id)
    counts = {
        "papers.jsonl": _write(directory / "papers.jsonl", papers),
        "topics.jsonl": _write(directory / "topics.jsonl", _topic_rows(papers)),
        "topic_summaries.jsonl": _write(directory / "topic_summaries.jsonl", topics),
        "citations.jsonl": _write(directory / "citations.jsonl", citations),
        "contradictions.jsonl": _write(directory / "contradictions.jsonl", _claim_links(links, "CONTRADICTS")),
        "supports.jsonl": _write(directory / "supports.jsonl", _claim_links(links, "SUPPORTS")),
        "trends.jsonl": _write(directory / "trends.jsonl", _trend_rows(run, trends)),
    }
    (directory / "run.json").write_text(json.dumps(run, indent=1, sort_keys=True, default=str) + "\n")
    graph = export_graph(papers, topics, citations, links, entities, mentions)
    nx.write_graphml(graph, directory / "graph.graphml")
    counts["graph.graphml"] = graph.number_of_nodes()
    return counts


def _write(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")
            count += 1
    return count


def _topic_rows(papers: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for row in papers:
        if row["topic_id"] is not None:
            yield {
                "paper_id": row["paper_id"],
                "title": row["title"],
                "topic_id": row["topic_id"],
                "topic_label": row["topic_label"],
                "weight": row["topic_weight"],
            }


def _claim_links(links: list[dict[str, Any]], relation: str) -> Iterable[dict[str, Any]]:
    for link in links:
        if link["relation"] == relation:
            row = {field: link[field] for field in CLAIM_LINK_FIELDS}
            row["a_frame"], row["b_frame"] = _frame(link["a_frame"]), _frame(link["b_frame"])
            if relation == "CONTRADICTS":
                row["strength"] = link["strength"]
            yield row


def _frame(frame: dict[str, Any]) -> dict[str, Any]:
    """A claim's frame as exported: conditions as {kind, value} pairs."""
    kinds, values = frame.pop("condition_kinds", None) or [], frame.pop("condition_values", None) or []
    return {**frame, "conditions": [{"kind": k, "value": v} for k, v in zip(kinds, values, strict=False)]}


def _trend_rows(run: dict[str, Any], trends: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """One row per entity: its papers and mentions per period of the run, and the slope of its share."""
    periods = list((run.get("summary") or {}).get("trend_periods") or [])
    for row in trends:
        yield {
            "entity_key": row["entity_key"],
            "periods": periods,
            "papers": row["papers"],
            "mentions": row["mentions"],
            "slope": row["slope"],
        }


def export_graph(
    papers: list[dict[str, Any]],
    topics: list[dict[str, Any]],
    citations: list[dict[str, Any]],
    links: list[dict[str, Any]],
    entities: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
) -> nx.MultiDiGraph:
    """Papers, topics and entities as nodes (`kind` attribute); CITES, IN_TOPIC, MENTIONS, and paper-level
    CONTRADICTS/SUPPORTS as edges (`type` attribute). GraphML has no null, so missing values are left out."""
    graph = nx.MultiDiGraph()
    for row in papers:
        graph.add_node(
            row["paper_id"],
            **_clean(
                {
                    "kind": "Paper",
                    "label": row["title"],
                    "date": row["date"],
                    "pagerank": row["pagerank"],
                    "citation_count": row["citation_count"],
                    "topic": row["topic_id"],
                }
            ),
        )
        if row["topic_id"]:
            graph.add_edge(row["paper_id"], row["topic_id"], type="IN_TOPIC", weight=row["topic_weight"] or 0.0)
    for topic in topics:
        graph.add_node(topic["id"], **_clean({"kind": "Topic", "label": topic.get("label"), "size": topic.get("size")}))
    for entity in entities:
        graph.add_node(
            entity["key"],
            **_clean(
                {
                    "kind": "Entity",
                    "label": entity["name"],
                    "entity_label": entity["label"],
                    "pagerank": entity["pagerank"],
                }
            ),
        )
    for row in mentions:
        graph.add_edge(row["paper_id"], row["entity_key"], type="MENTIONS", weight=float(row["count"]))
    for row in citations:
        graph.add_edge(
            row["citing_id"],
            row["cited_id"],
            **_clean({"type": "CITES", "inferred": row["inferred"], "weight": row["confidence"]}),
        )
    for row in links:
        graph.add_edge(
            row["a_paper_id"],
            row["b_paper_id"],
            **_clean({"type": row["relation"], "weight": row["confidence"], "factor": row["factor"]}),
        )
    return graph


def _clean(attributes: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in attributes.items() if value is not None}
