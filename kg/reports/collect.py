"""Read everything a report shows from the graph, once, into a `ReportData`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from kg.analytics.confidence import default_min_confidence
from kg.model import Label
from kg.reports.data import (
    ClaimSide,
    ContradictionRow,
    EntityRow,
    Overview,
    PaperRow,
    ReportData,
    RunInfo,
    TopicLink,
    TopicRow,
    TrendRow,
)
from kg.reports.trends import rising_and_falling
from kg.settings import Settings
from kg.store.reports import ReportReader


@dataclass(frozen=True, slots=True)
class Limits:
    """How many rows each section shows."""

    papers: int = 10
    entities: int = 10
    trends: int = 8
    trend_min_papers: int = 3  # dated papers an entity needs to have a trend
    contradictions: int = 50
    min_confidence: float | None = None  # contradictions at or above it; None: the calibrated default


def collect(
    driver: Driver, settings: Settings, *, limits: Limits | None = None, now: dt.datetime | None = None
) -> ReportData:
    """A snapshot of the graph as the report shows it: analysis data from the current run only."""
    limits = limits or Limits()
    reader = ReportReader(driver, settings.neo4j_database)
    data = ReportData(generated_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"))
    run = reader.current_run()
    data.run = RunInfo(id=str(run["id"]), finished_at=run["finished_at"]) if run else None
    run_id = data.run.id if data.run else None  # every analysis section reads this one run
    data.overview = _overview(reader, run_id)
    data.topics = [_topic(row) for row in reader.topics(run_id)]
    links = reader.topic_links(run_id)
    data.topic_links = [TopicLink(str(r["source"]), str(r["target"]), int(r["weight"])) for r in links]
    data.rising, data.falling, data.overview.dated_papers = _trends(reader, run, limits)
    data.most_cited = [_paper(r) for r in reader.most_cited(run_id, limits.papers)]
    data.most_central = [_paper(r) for r in reader.most_central(run_id, limits.papers)]
    data.top_entities = _top_entities(reader.top_entities(limits.entities))
    threshold = default_min_confidence() if limits.min_confidence is None else limits.min_confidence
    rows = reader.contradictions(run_id, limits.contradictions, threshold)
    data.contradictions = [_contradiction(r) for r in rows]
    data.papers = reader.paper_titles()
    return data


def _overview(reader: ReportReader, run_id: str | None) -> Overview:
    papers = reader.paper_overview()
    facts = reader.fact_counts()
    links = reader.link_counts(run_id)
    return Overview(
        papers=int(papers["papers"]),
        entities_by_label=_in_label_order(reader.entities_by_label()),
        date_min=papers["date_min"],
        date_max=papers["date_max"],
        claims=int(facts["claims"]),
        results=int(facts["results"]),
        citations=int(links["citations"]),
        contradictions=int(links["contradictions"]),
    )


def _in_label_order(counts: dict[str, int]) -> dict[str, int]:
    """Counts per label in the guidelines' order (models first), unknown labels last."""
    order = {label.value: i for i, label in enumerate(Label)}
    return dict(sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def _terms(raw: Any) -> list[str]:
    """`Topic.top_terms` as a list, whether stored as a list or as JSON text."""
    if raw is None:
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return [t.strip() for t in raw.split(",") if t.strip()]
    return [str(t) for t in raw] if isinstance(raw, list) else [str(raw)]


def _topic(row: dict[str, Any]) -> TopicRow:
    return TopicRow(
        id=str(row["id"]),
        label=str(row["label"] or row["id"]),
        size=int(row["size"]),
        top_terms=_terms(row["top_terms"]),
        paper_ids=sorted(str(p) for p in row["paper_ids"]),
        x=row.get("x"),
        y=row.get("y"),
    )


def _trends(
    reader: ReportReader, run: dict[str, Any] | None, limits: Limits
) -> tuple[list[TrendRow], list[TrendRow], int]:
    """Rising entities, falling entities, and how many dated papers they are based on (as the run computed them)."""
    summary = (run or {}).get("summary") or {}
    periods = [str(period) for period in summary.get("trend_periods") or []]
    dated = int(summary.get("dated_papers") or 0)
    if run is None or len(periods) < 2:
        return [], [], dated
    trends = [
        TrendRow(
            str(r["key"]), str(r["name"]), str(r["label"]), periods, [int(n) for n in r["papers"]], float(r["slope"])
        )
        for r in reader.entity_trends(str(run["id"]), limits.trend_min_papers)
    ]
    rising, falling = rising_and_falling(trends, limits.trends)
    return rising, falling, dated


def _paper(row: dict[str, Any]) -> PaperRow:
    return PaperRow(
        id=str(row["id"]),
        title=str(row["title"]),
        date=row["date"],
        citation_count=int(row["citation_count"] or 0),
        pagerank=float(row["pagerank"] or 0.0),
    )


def _top_entities(rows: list[dict[str, Any]]) -> dict[str, list[EntityRow]]:
    grouped: dict[str, list[EntityRow]] = {label.value: [] for label in Label}
    for r in rows:
        row = EntityRow(str(r["key"]), str(r["name"]), str(r["label"]), int(r["paper_count"]), int(r["mentions"]))
        grouped.setdefault(row.label, []).append(row)
    return grouped


def _side(row: dict[str, Any], prefix: str) -> ClaimSide:
    return ClaimSide(
        claim_id=str(row[f"{prefix}_claim"]),
        text=str(row[f"{prefix}_text"]),
        paper_id=str(row[f"{prefix}_paper"]),
        paper_title=str(row[f"{prefix}_title"]),
        paper_date=row[f"{prefix}_date"],
    )


def _contradiction(row: dict[str, Any]) -> ContradictionRow:
    return ContradictionRow(
        score=float(row["score"]),
        factor=row["factor"],
        reason=row["reason"],
        left=_side(row, "left"),
        right=_side(row, "right"),
    )
