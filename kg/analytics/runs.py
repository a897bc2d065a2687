"""One versioned analysis run: load -> compute -> write tagged with the run id -> flip -> clean up.

Everything is written in batches before the flip, the per-node scores and trends too (as run-tagged
values, `kg.store.cypher.scores`); the flip is one small transaction that makes the run current.

A run that fails or is killed before the flip never becomes current: readers keep seeing the previous
run, whose topics and links are untouched and whose per-node values stay on every node (moved to
`previous_*` where the failed run wrote). The failed run's partial writes are deleted (topics, links)
or overwritten (per-node values) by the next run.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any, Protocol

from neo4j import Driver

from kg.analytics.pipeline import AnalysisParams, AnalysisResult, analyze
from kg.model import RelType
from kg.store import analytics as store


class Reporter(Protocol):
    """What a run reports as it goes (the CLI draws progress bars from it)."""

    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, amount: int) -> None: ...


class _Silent:
    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


@dataclass(slots=True)
class RunOutcome:
    run_id: str
    summary: dict[str, Any]
    abandoned_runs_marked: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: bool = False  # the current run already read this corpus with these parameters


def new_run_id() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def run_analysis(
    driver: Driver,
    database: str,
    params: AnalysisParams,
    *,
    batch_size: int = 1000,
    reporter: Reporter | None = None,
    before_flip: Callable[[str], None] | None = None,
    if_changed: bool = False,
) -> RunOutcome:
    """Analyse the whole graph as one new run and make it current. `before_flip` is a hook for tests.

    With `if_changed`, nothing is run when the current run read the same corpus with the same parameters:
    its outcome is returned, marked `skipped`.
    """
    report = reporter or _Silent()
    seconds: dict[str, float] = {}
    with _timed(seconds, "load"):
        store.tag_untagged_scores(driver, database)
        report.stage("load")
        corpus = store.load_corpus(driver, database, batch_size=batch_size, progress=report.advance)
    fingerprint = corpus.fingerprint()
    if if_changed and (current := _same_run(driver, database, params, fingerprint)) is not None:
        return current
    run_id = new_run_id()
    abandoned = store.start_run(driver, database, run_id, params.as_dict(), fingerprint)
    try:
        result = analyze(corpus, params, on_stage=report.stage)
        with _timed(seconds, "write-back"):
            write_result(driver, database, run_id, result, corpus.papers, batch_size=batch_size, reporter=report)
        if before_flip:
            before_flip(run_id)
        report.stage("flip")
        summary = {"papers": len(corpus.papers), "claims": len(corpus.claims), **result.summary()}
        with _timed(seconds, "flip"):
            store.flip(driver, database, run_id, summary=summary)
    except BaseException as exc:
        store.fail_run(driver, database, run_id, f"{type(exc).__name__}: {exc}")
        raise
    report.stage("clean-up")
    with _timed(seconds, "clean-up"):
        store.delete_other_runs(driver, database, run_id)
    return RunOutcome(run_id, summary, abandoned, {"load": seconds.pop("load"), **result.seconds, **seconds})


@contextmanager
def _timed(seconds: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - started


def _same_run(driver: Driver, database: str, params: AnalysisParams, fingerprint: str) -> RunOutcome | None:
    current = store.current_run(driver, database)
    if current is None or current.get("input_fingerprint") != fingerprint or current.get("params") != params.as_dict():
        return None
    return RunOutcome(str(current["id"]), dict(current.get("summary") or {}), skipped=True)


def write_result(
    driver: Driver,
    database: str,
    run_id: str,
    result: AnalysisResult,
    papers: Iterable[Any],
    *,
    batch_size: int,
    reporter: Reporter,
) -> None:
    """Every run-tagged row, statement by statement, in batches: links, then the per-node values of `papers`
    and the entities."""
    for name, write, rows in _writes(run_id, result, papers):
        reporter.stage(f"write {name}", total=len(rows))
        write(driver, database, rows, batch_size=batch_size, progress=reporter.advance)


Write = Callable[..., None]  # a named write of `kg.store.analytics`: (driver, database, rows, *, batch_size, progress)


def _writes(
    run_id: str, result: AnalysisResult, papers: Iterable[Any]
) -> Iterable[tuple[str, Write, list[dict[str, Any]]]]:
    topics = [
        {
            "id": f"{run_id}:{topic.number}",
            "run": run_id,
            "number": topic.number,
            "label": topic.label,
            "size": topic.size,
            "top_terms": topic.top_terms,
            "top_entities": topic.top_entities,
            "leaders": result.topic_leaders.get(topic.number, []),
            "map_x": result.topic_positions.get(topic.number, (None, None))[0],
            "map_y": result.topic_positions.get(topic.number, (None, None))[1],
        }
        for topic in result.topics.topics
    ]
    members = [
        {"paper_id": paper, "topic_id": f"{run_id}:{topic.number}", "weight": weight, "run": run_id}
        for topic in result.topics.topics
        for paper, weight in sorted(topic.members.items())
    ]
    yield "topics", store.write_topics, topics
    yield "topic membership", store.write_topic_members, members
    inferred, explicit = partial(store.write_citations, inferred=True), partial(store.write_citations, inferred=False)
    yield "inferred citations", inferred, [_citation_row(c, run_id) for c in result.inferred]
    yield "explicit citations", explicit, [_citation_row(c, None) for c in result.explicit]
    for relation in (RelType.CONTRADICTS, RelType.SUPPORTS):
        rows = [_claim_link_row(link, run_id) for link in result.claim_links if link.relation == relation]
        yield relation.lower(), partial(store.write_claim_links, relation=relation), rows
    yield "paper scores", partial(store.write_paper_scores, run_id=run_id), paper_scores(result, papers, run_id)
    yield "entity scores", partial(store.write_entity_scores, run_id=run_id), entity_scores(result)


def _claim_link_row(link: Any, run_id: str) -> dict[str, Any]:
    return {
        "source": link.source.id,
        "target": link.target.id,
        "run": run_id,
        "confidence": link.confidence,
        "strength": link.strength,
        "factor": link.factor,
        "comparator": link.comparator,
        "outcome": link.outcome,
        "reason": link.reason,
        "differs": list(link.differs),
    }


def _citation_row(citation: Any, run_id: str | None) -> dict[str, Any]:
    return {
        "citing": citation.citing,
        "cited": citation.cited,
        "evidence": citation.evidence,
        "confidence": citation.confidence,
        "run": run_id,
    }


def paper_scores(result: AnalysisResult, papers: Iterable[Any], run_id: str) -> list[dict[str, Any]]:
    assignment = result.topics.assignment()
    return [
        {
            "id": paper.id,
            "pagerank": round(result.paper_pagerank.get(paper.id, 0.0), 8),
            "citation_count": result.citation_counts.get(paper.id, 0),
            "topic_id": f"{run_id}:{assignment[paper.id]}" if paper.id in assignment else None,
        }
        for paper in papers
    ]


def entity_scores(result: AnalysisResult) -> list[dict[str, Any]]:
    """One row per entity the run ranked, followed over time or counted co-occurrences of: its PageRank, its trend
    and its top co-occurring entities (null where none)."""
    trends = {trend.key: trend for trend in result.trends.entities}
    cooccurring = result.cooccurring
    return [
        {
            "key": key,
            "pagerank": round(result.entity_pagerank[key], 8) if key in result.entity_pagerank else None,
            "trend_papers": trends[key].papers if key in trends else None,
            "trend_mentions": trends[key].mentions if key in trends else None,
            "trend_slope": round(trends[key].slope, 8) if key in trends else None,
            "cooccurring_keys": cooccurring[key].keys if key in cooccurring else None,
            "cooccurring_papers": cooccurring[key].papers if key in cooccurring else None,
            "cooccurring_total": cooccurring[key].total if key in cooccurring else None,
        }
        for key in sorted(result.entity_pagerank.keys() | trends.keys() | cooccurring.keys())
    ]
