"""`kg analyze` against a real Neo4j: the run protocol, write-back, re-runs, failures, export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from kg.analytics.export import export_run
from kg.analytics.pipeline import AnalysisParams
from kg.analytics.runs import run_analysis
from kg.settings import Settings
from kg.store.analytics import current_run
from kg.store.cypher.scores import score
from kg.store.db import run_read

pytestmark = pytest.mark.integration
DB = "neo4j"
REPO = Path(__file__).resolve().parents[2]

COUNTS = """
MATCH (run:AnalysisRun {current: true})
CALL (run) { MATCH (t:Topic {run: run.id}) RETURN count(t) AS topics }
CALL (run) { MATCH ()-[r:IN_TOPIC {run: run.id}]->() RETURN count(r) AS members }
CALL (run) { MATCH ()-[r:CITES {run: run.id}]->() RETURN count(r) AS cites }
CALL (run) { MATCH ()-[r:CONTRADICTS {run: run.id}]->() RETURN count(r) AS contradicts }
CALL (run) { MATCH ()-[r:SUPPORTS {run: run.id}]->() RETURN count(r) AS supports }
RETURN run.id AS run, topics, members, cites, contradicts, supports
"""
RUN_TAGGED_OF_OTHER_RUNS = """
MATCH (run:AnalysisRun {current: true})
CALL (run) { MATCH (t:Topic) WHERE t.run <> run.id RETURN count(t) AS topics }
CALL (run) {
  MATCH ()-[r:IN_TOPIC|CITES|CONTRADICTS|SUPPORTS]->() WHERE r.run IS NOT NULL AND r.run <> run.id
  RETURN count(r) AS links
}
RETURN topics, links
"""

CURRENT_PAPER_SCORES = f"""
MATCH (run:AnalysisRun {{current: true}})
MATCH (p:Paper)
RETURN count({score("p", "pagerank")}) AS ranked, count({score("p", "topic_id")}) AS placed,
       sum({score("p", "citation_count")}) AS cited
"""


def counts(driver: Driver) -> dict[str, object]:
    (row,) = run_read(driver, COUNTS, DB)
    return row


def test_analysis_writes_a_complete_current_run(analyzed_graph: Driver) -> None:
    run = current_run(analyzed_graph, DB)
    assert run is not None and run["status"] == "complete" and run["finished_at"]
    assert run["params"]["seed"] == 42 and run["summary"]["papers"] == 614
    found = counts(analyzed_graph)
    assert found["topics"] == run["summary"]["topics"] > 5
    assert found["members"] == 614
    assert found["cites"] == run["summary"]["inferred_citations"] > 0
    (scores,) = run_read(analyzed_graph, CURRENT_PAPER_SCORES, DB)
    assert scores["ranked"] == scores["placed"] == 614 and scores["cited"] >= found["cites"]
    reasons = run_read(
        analyzed_graph,
        "MATCH (run:AnalysisRun {current: true}) MATCH (:Claim)-[r:CONTRADICTS {run: run.id}]->(:Claim) "
        "RETURN r.reason AS reason, r.confidence AS confidence, r.factor AS factor, r.strength AS strength",
        DB,
    )
    assert len(reasons) == found["contradicts"] == run["summary"]["contradictions"]
    for row in reasons:
        assert row["reason"].startswith("A: ") and "; B: " in row["reason"] and row["factor"]
        assert 0 < row["confidence"] < 1 and row["strength"] in ("direct", "tension")


def test_a_run_failing_before_the_flip_leaves_the_previous_run_current(analyzed_graph: Driver) -> None:
    before = counts(analyzed_graph)

    def crash(run_id: str) -> None:
        raise RuntimeError(f"injected failure in {run_id}")

    with pytest.raises(RuntimeError, match="injected failure"):
        run_analysis(analyzed_graph, DB, AnalysisParams(), before_flip=crash)
    assert counts(analyzed_graph) == before
    failed = run_read(analyzed_graph, "MATCH (r:AnalysisRun {status: 'failed'}) RETURN r.error AS error", DB)
    assert any("injected failure" in row["error"] for row in failed)
    (leftovers,) = run_read(analyzed_graph, RUN_TAGGED_OF_OTHER_RUNS, DB)
    assert leftovers["topics"] > 0  # the failed run's partial writes are there, but no reader sees them


def test_an_unchanged_graph_is_not_analysed_again_when_asked_if_changed(
    analyzed_graph: Driver, neo4j_settings: Settings
) -> None:
    run = current_run(analyzed_graph, DB)
    assert run is not None and len(run["input_fingerprint"]) == 64
    runs_before = run_read(analyzed_graph, "MATCH (r:AnalysisRun) RETURN count(r) AS n", DB)
    same = AnalysisParams(**run["params"])
    outcome = run_analysis(analyzed_graph, DB, same, if_changed=True)
    assert outcome.skipped and outcome.run_id == run["id"] and outcome.summary == run["summary"]
    assert run_read(analyzed_graph, "MATCH (r:AnalysisRun) RETURN count(r) AS n", DB) == runs_before


KILLER = """
import os, signal, sys
from kg.analytics.pipeline import AnalysisParams
from kg.analytics.runs import run_analysis
from kg.settings import Settings
from kg.store.db import open_driver
driver = open_driver(Settings())
run_analysis(driver, "neo4j", AnalysisParams(), before_flip=lambda run_id: os.kill(os.getpid(), signal.SIGKILL))
"""


def test_a_killed_run_leaves_the_previous_run_and_the_next_run_replaces_both(
    analyzed_graph: Driver, neo4j_settings: Settings
) -> None:
    before = counts(analyzed_graph)
    password = neo4j_settings.neo4j_password.get_secret_value() if neo4j_settings.neo4j_password else ""
    env = {**os.environ, "KG_NEO4J_URI": neo4j_settings.bolt_uri, "KG_NEO4J_PASSWORD": password}
    killed = subprocess.run([sys.executable, "-c", KILLER], env=env, cwd=REPO, timeout=300, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert counts(analyzed_graph) == before
    # the next run replaces the previous one with the same figures, and cleans up after the killed one
    outcome = run_analysis(analyzed_graph, DB, AnalysisParams(resolution=neo4j_settings.topic_resolution))
    assert outcome.abandoned_runs_marked == 1
    after = counts(analyzed_graph)
    assert after["run"] == outcome.run_id != before["run"]
    assert {k: v for k, v in after.items() if k != "run"} == {k: v for k, v in before.items() if k != "run"}
    (leftovers,) = run_read(analyzed_graph, RUN_TAGGED_OF_OTHER_RUNS, DB)
    assert leftovers == {"topics": 0, "links": 0}
    old = run_read(analyzed_graph, "MATCH (r:AnalysisRun {id: $id}) RETURN r.current AS current", DB, id=before["run"])
    assert old == [{"current": False}]
    statuses = run_read(analyzed_graph, "MATCH (r:AnalysisRun) RETURN r.status AS status, count(*) AS n", DB)
    assert {row["status"] for row in statuses} <= {"complete", "failed"}


def test_export_writes_the_files_score_graph_reads(analyzed_graph: Driver, tmp_path: Path) -> None:
    written = export_run(analyzed_graph, DB, tmp_path)
    assert written["papers.jsonl"] == written["topics.jsonl"] == 614
    rows = {
        name: [json.loads(line) for line in (tmp_path / name).read_text().splitlines()]
        for name in written
        if name.endswith("jsonl")
    }
    assert {"paper_id", "title", "topic_id", "topic_label"} <= rows["topics.jsonl"][0].keys()
    assert {"citing_id", "citing_title", "cited_id", "cited_title", "evidence", "inferred", "confidence"} <= rows[
        "citations.jsonl"
    ][0].keys()
    contradiction_fields = {"a_paper_id", "a_title", "a_claim", "b_paper_id", "b_title", "b_claim", "confidence"}
    frames = {"factor", "outcome", "reason", "differs", "strength", "a_frame", "b_frame"}
    assert all(contradiction_fields | frames <= row.keys() for row in rows["contradictions.jsonl"])
    assert all(row["a_frame"]["factor"] and row["b_frame"]["polarity"] for row in rows["contradictions.jsonl"])
    assert (tmp_path / "graph.graphml").read_text().startswith("<?xml")
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["current"] is True
    periods = run["summary"]["trend_periods"]
    assert len(periods) >= 2 and rows["trends.jsonl"]
    for trend in rows["trends.jsonl"]:  # the trends the run wrote, aligned with its periods
        assert trend["periods"] == periods and len(trend["papers"]) == len(trend["mentions"]) == len(periods)
        assert 0 < sum(trend["papers"]) <= sum(trend["mentions"])
