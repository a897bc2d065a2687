"""The batched write-back of a run's per-node values: readers see one run only, whatever lands before the flip.

Readers here are the store's own: the export (papers, entities, trends of a run), the API's reads (a
DataLoader lookup and a projection) and the report's most central papers.
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from kg.analytics.pipeline import AnalysisParams
from kg.analytics.runs import run_analysis
from kg.settings import Settings
from kg.store.analytics import current_run, tag_untagged_scores
from kg.store.db import run_read, run_write
from kg.store.exports import export_entities, export_paper_pages, export_trends
from kg.store.reads import GraphReader
from kg.store.reports import ReportReader
from kg.store.shapes import EntityShape

pytestmark = pytest.mark.integration
DB = "neo4j"

WRITTEN_BY = """
MATCH (n) WHERE (n:Paper OR n:Entity) AND n.scores_run = $run
RETURN sum(CASE WHEN n:Paper THEN 1 ELSE 0 END) AS papers, sum(CASE WHEN n:Entity THEN 1 ELSE 0 END) AS entities
"""

LATEST_FAILED = """
MATCH (r:AnalysisRun {status: 'failed'}) RETURN r.id AS id ORDER BY r.started_at DESC LIMIT 1
"""

# What a graph analysed before the values were tagged looked like: untagged values, trends under `trend_run`.
UNTAGGED = """
MATCH (run:AnalysisRun {current: true})
MATCH (n) WHERE (n:Paper OR n:Entity) AND n.scores_run = run.id
SET n.trend_run = CASE WHEN n:Entity AND n.trend_papers IS NOT NULL THEN run.id END
REMOVE n.scores_run, n.previous_scores_run
"""


def seen(driver: Driver, entity: str | None = None) -> dict[str, Any]:
    """Every per-node analysis value as the readers show it, with the run they show; `entity` (default: the
    highest ranked) is also read through the API's projection."""
    run = current_run(driver, DB)
    assert run is not None
    run_id = str(run["id"])
    papers = [row for page in export_paper_pages(driver, DB, run_id) for row in page]
    entities = export_entities(driver, DB, run_id)
    trends = export_trends(driver, DB, run_id)
    reader = GraphReader(driver, DB)
    if entity is None:
        entity = max((row for row in entities if row["pagerank"] is not None), key=lambda row: row["pagerank"])["key"]
    projected = reader.project_entity([entity], EntityShape(properties=("pagerank",)))
    return {
        "run": run_id,
        "papers": {row["paper_id"]: (row["pagerank"], row["citation_count"], row["topic_id"]) for row in papers},
        "api papers": {
            key: (row["pagerank"], row["citation_count"])
            for key, row in reader.papers_by_id([row["paper_id"] for row in papers]).items()
        },
        "entities": {row["key"]: row["pagerank"] for row in entities},
        "api entity": projected,
        "trends": {row["entity_key"]: (row["papers"], row["mentions"], row["slope"]) for row in trends},
        "most central": ReportReader(driver, DB).most_central(run_id, 20),
    }


def values(view: dict[str, Any]) -> dict[str, Any]:
    """The values of a view that do not name their run (topic ids do)."""
    papers = {paper: (rank, cited) for paper, (rank, cited, _) in view["papers"].items()}
    return {**{k: v for k, v in view.items() if k not in ("run", "papers")}, "papers": papers}


class InterruptedAfter:
    """A reporter that stops the run once `batches` batches of stage `stage` have landed."""

    def __init__(self, stage: str, batches: int) -> None:
        self.target, self.left, self.current = stage, batches, ""

    def stage(self, name: str, total: int | None = None) -> None:
        self.current = name

    def advance(self, amount: int) -> None:
        if self.current == self.target:
            self.left -= 1
            if self.left == 0:
                raise RuntimeError(f"interrupted during {self.target}")


def test_a_run_interrupted_between_batches_leaves_the_previous_run_current_and_readable(
    analyzed_graph: Driver, neo4j_settings: Settings
) -> None:
    before = seen(analyzed_graph)
    assert before["trends"] and before["most central"] and before["api entity"]["pagerank"] > 0
    params = AnalysisParams(resolution=neo4j_settings.topic_resolution)
    interrupted = InterruptedAfter("write entity scores", batches=2)
    with pytest.raises(RuntimeError, match="interrupted during write entity scores"):
        run_analysis(analyzed_graph, DB, params, batch_size=100, reporter=interrupted)

    (failed,) = run_read(analyzed_graph, LATEST_FAILED, DB)
    (written,) = run_read(analyzed_graph, WRITTEN_BY, DB, run=failed["id"])
    assert written == {"papers": len(before["papers"]), "entities": 200}  # every paper, two batches of entities
    assert seen(analyzed_graph) == before

    outcome = run_analysis(analyzed_graph, DB, params, batch_size=100)
    after = seen(analyzed_graph)
    assert after["run"] == outcome.run_id != before["run"]
    assert values(after) == values(before)  # the same graph, the same values, none lost to the failed run
    assert all(topic is None or topic.startswith(f"{outcome.run_id}:") for _, _, topic in after["papers"].values())


def test_the_batched_write_back_equals_one_write_of_every_row(analyzed_graph: Driver, neo4j_settings: Settings) -> None:
    params = AnalysisParams(resolution=neo4j_settings.topic_resolution)
    run_analysis(analyzed_graph, DB, params, batch_size=1_000_000)
    whole = seen(analyzed_graph)
    run_analysis(analyzed_graph, DB, params, batch_size=7)
    batched = seen(analyzed_graph)
    assert batched["run"] != whole["run"] and values(batched) == values(whole)
    placed = [topic for _, _, topic in batched["papers"].values() if topic is not None]
    assert len(placed) == len(batched["papers"]) and all(topic.startswith(batched["run"]) for topic in placed)


def test_values_of_a_graph_analysed_before_they_were_tagged_read_as_the_current_run(analyzed_graph: Driver) -> None:
    before = seen(analyzed_graph)
    entity = before["api entity"]["key"]
    run_write(analyzed_graph, UNTAGGED, DB)
    assert seen(analyzed_graph, entity)["api entity"]["pagerank"] is None  # untagged: no reader takes them
    tag_untagged_scores(analyzed_graph, DB)
    assert seen(analyzed_graph, entity) == before
    (left,) = run_read(analyzed_graph, "MATCH (e:Entity) WHERE e.trend_run IS NOT NULL RETURN count(e) AS n", DB)
    assert left["n"] == 0
