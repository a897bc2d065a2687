"""Issue #7 point 1: Neo4j `kill -9`ed in the middle of `kg ingest`; after a restart the same ingest converges.

The graph after (interrupted run, restart, rerun) must equal the graph of one uninterrupted run into
an empty server: same nodes by label, relationships by type, mention counts, per-paper extractor
version and listings, and per-entity totals.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from kg.ingest import read_papers
from kg.model import Paper
from kg.store.db import run_read
from tests.integration.conftest import wipe
from tests.integration.reliability.conftest import KG, REPO, Throwaway
from tests.integration.reliability.graph_state import differences, graph_state

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# One of the five corpus pages (132 papers, with extraction): long enough for the kill to land mid-way, short
# enough for three ingests (interrupted, rerun, uninterrupted) in well under a minute each.
INPUTS = sorted((REPO / "data" / "corpus").glob("000_*.txt"))
BATCH = 10  # small write transactions, so the kill lands between and inside them
KILL_AFTER_PAPERS = 30
COUNT_PAPERS = "MATCH (p:Paper) RETURN count(p) AS n"


def distinct_papers() -> int:
    return len({item.id for item in read_papers(INPUTS) if isinstance(item, Paper)})


def ingest_command(rejects: Path) -> list[str]:
    return [KG, "ingest", *map(str, INPUTS), "--batch-size", str(BATCH), "--rejects", str(rejects)]


def run_ingest(server: Throwaway, rejects: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ingest_command(rejects), env=server.env, cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def papers_in(server: Throwaway) -> int:
    try:
        return int(run_read(server.driver, COUNT_PAPERS, server.settings.neo4j_database)[0]["n"])
    except Exception:  # the server is busy starting a transaction: try again on the next poll
        return 0


def ingest_and_kill_neo4j_midway(server: Throwaway, rejects: Path) -> tuple[int, subprocess.CompletedProcess[str]]:
    """Start `kg ingest`, wait until some papers landed, `kill -9` Neo4j; the papers seen and the ingest's end."""
    out_file, err_file = rejects.with_suffix(".out"), rejects.with_suffix(".err")
    with out_file.open("wb") as out, err_file.open("wb") as err:  # files, not pipes: a full pipe would block kg
        process = subprocess.Popen(ingest_command(rejects), env=server.env, cwd=REPO, stdout=out, stderr=err)
    deadline = time.monotonic() + 300
    landed = 0
    while process.poll() is None and time.monotonic() < deadline:
        landed = papers_in(server)
        if landed >= KILL_AFTER_PAPERS:
            break
        time.sleep(0.1)
    assert process.poll() is None, f"the ingest ended before the kill (papers landed: {landed})"
    server.kill()
    process.wait(timeout=120)
    output = (out_file.read_text(errors="replace"), err_file.read_text(errors="replace"))
    return landed, subprocess.CompletedProcess(process.args, process.returncode, *output)


def test_rerun_after_neo4j_killed_mid_ingest_equals_an_uninterrupted_run(
    clean_throwaway: Throwaway, tmp_path: Path
) -> None:
    server = clean_throwaway
    landed, interrupted = ingest_and_kill_neo4j_midway(server, tmp_path / "rejects-1.jsonl")
    assert interrupted.returncode == 3, interrupted.stderr[-2000:]  # Neo4j unavailable: one line, no traceback
    assert "Traceback" not in interrupted.stderr and "unavailable" in interrupted.stderr
    server.restart()
    partial = papers_in(server)
    assert KILL_AFTER_PAPERS <= landed <= partial < distinct_papers(), (landed, partial)  # the kill did land mid-way
    run_ingest(server, tmp_path / "rejects-2.jsonl")
    recovered = graph_state(server.driver)

    wipe(server.driver)
    run_ingest(server, tmp_path / "rejects-3.jsonl")
    uninterrupted = graph_state(server.driver)
    assert uninterrupted["nodes"]["Paper"] == distinct_papers()
    found = differences(recovered, uninterrupted)
    assert not found, "\n".join(found)
