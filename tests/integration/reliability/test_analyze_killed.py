"""Issue #7 point 1: `kg analyze` killed (SIGKILL) in the middle of its write-back.

The CLI runs as a real process on the analysed corpus graph; once the new run's per-node values
(written in batches after its links) start landing it is killed. The API (running all along) must
then serve exactly what it served before: the previous run's topics, citations, contradictions and
paper scores, complete. The next `kg analyze` succeeds, becomes current, and marks the killed run
failed."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from kg.settings import Settings
from kg.store.db import run_read
from tests.integration.api.conftest import LiveServer
from tests.integration.reliability.conftest import KG, REPO

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Rows of runs other than the current one: the killed run's partial write-back.
NEW_RUN_ROWS = """
MATCH (r:AnalysisRun {status: 'running'})
OPTIONAL MATCH (t:Topic {run: r.id})
WITH r, count(t) AS topics
OPTIONAL MATCH ()-[l:IN_TOPIC {run: r.id}]->()
WITH r, topics, count(l) AS members
OPTIONAL MATCH (p:Paper {scores_run: r.id})
RETURN r.id AS run, topics, members, count(p) AS scored
"""
SERVED = """{
  stats { papers topics citations contradictions currentRun }
  topics { id label size papers(first: 100) { totalCount nodes { id pagerank citationCount } } }
  contradictions(first: 100, minConfidence: 0) { totalCount nodes { confidence factor claim { id } other { id } } }
}"""
CITATIONS = """query($id: ID!) {
  citations(paperId: $id) { cites { paper { id } inferred confidence } citedBy { paper { id } } }
}"""


def env_for(settings: Settings, batch_size: int) -> dict[str, str]:
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return {
        **os.environ,
        "KG_NEO4J_URI": settings.bolt_uri,
        "KG_NEO4J_PASSWORD": password,
        "KG_BATCH_SIZE": str(batch_size),
    }


@pytest.fixture
def api(analyzed_graph: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    settings = neo4j_settings.model_copy(update={"api_request_timeout": 60.0})
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=90) as client:
        yield client


def served(api: httpx.Client, paper_ids: list[str]) -> dict[str, Any]:
    """What readers see: stats, every topic with its papers, the contradictions, citations of a few papers."""
    body = api.post("/graphql", json={"query": SERVED}).json()
    assert "errors" not in body, body
    body["citations"] = [
        api.post("/graphql", json={"query": CITATIONS, "variables": {"id": pid}}).json() for pid in paper_ids
    ]
    return dict(body)


def cited_papers(driver: Driver) -> list[str]:
    rows = run_read(driver, "MATCH (p:Paper)-[:CITES]-() RETURN DISTINCT p.id AS id ORDER BY id LIMIT 5", "neo4j")
    return [row["id"] for row in rows]


def kill_during_write_back(driver: Driver, settings: Settings, log: Path) -> dict[str, Any]:
    """Run `kg analyze`, SIGKILL it once the new run has written some rows; what it had written by then."""
    with log.open("wb") as output:  # a file, not a pipe: nobody reads while polling, and a full pipe blocks
        process = subprocess.Popen(
            [KG, "analyze"], env=env_for(settings, 25), cwd=REPO, stdout=output, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 600
    written: dict[str, Any] = {}
    while process.poll() is None and time.monotonic() < deadline:
        rows = run_read(driver, NEW_RUN_ROWS, "neo4j")
        written = rows[0] if rows else {}
        if written.get("scored", 0) > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, f"kg analyze ended before the kill: {log.read_text(errors='replace')[-2000:]}"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    return written


def test_killed_analyze_leaves_the_previous_run_served_and_the_next_run_succeeds(
    analyzed_graph: Driver, neo4j_settings: Settings, api: httpx.Client, tmp_path: Path
) -> None:
    papers = cited_papers(analyzed_graph)
    before = served(api, papers)
    assert before["data"]["stats"]["topics"] > 0

    written = kill_during_write_back(analyzed_graph, neo4j_settings, tmp_path / "analyze.log")
    assert written["members"] > 0 and written["scored"] > 0 and written["run"] != before["data"]["stats"]["currentRun"]
    assert served(api, papers) == before  # the previous run, complete, exactly as before

    done = subprocess.run(
        [KG, "analyze"], env=env_for(neo4j_settings, 1000), cwd=REPO, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-2000:]
    after = served(api, papers)
    assert after["data"]["stats"]["currentRun"] not in (before["data"]["stats"]["currentRun"], written["run"])
    assert after["data"]["stats"]["papers"] == before["data"]["stats"]["papers"]
    assert after["data"]["stats"]["topics"] > 0
    statuses = run_read(
        analyzed_graph, "MATCH (r:AnalysisRun {id: $id}) RETURN r.status AS s", "neo4j", id=written["run"]
    )
    assert statuses == [{"s": "failed"}]
