"""`kg report`, `kg scheduler --once` and a wrong password as a user meets them, against the real corpus graph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver
from pydantic import SecretStr

from kg.settings import Settings
from kg.store.analytics import current_run

pytestmark = pytest.mark.integration

KG = [sys.executable, "-c", "from kg.cli.main import main; main()"]


def kg(settings: Settings, reports_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    env = {**os.environ, "KG_NEO4J_URI": settings.bolt_uri, "KG_NEO4J_PASSWORD": password}
    env["KG_REPORTS_DIR"] = str(reports_dir)
    return subprocess.run([*KG, *args], env=env, capture_output=True, text=True, timeout=300, check=False)


def test_kg_report_writes_the_folder(corpus_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    done = kg(neo4j_settings, tmp_path, "report", "--output", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "report written" in done.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"index.html", "report.md", "figures.json"}
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "out" / "index.html").stat().st_mode & 0o777 == 0o666 & ~umask  # not 0600


def test_kg_scheduler_once_keeps_a_dated_history(
    corpus_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    done = kg(neo4j_settings, tmp_path, "scheduler", "--once", "--no-analyze")
    assert done.returncode == 0, done.stderr
    (folder,) = (p for p in tmp_path.iterdir() if p.is_dir())
    assert (folder / "index.html").exists()
    assert f'href="{folder.name}/index.html"' in (tmp_path / "index.html").read_text()
    assert "report job finished" in (tmp_path / "scheduler.log").read_text()
    assert (tmp_path / ".scheduler.lock").read_text() == "", "the lock is released and its pid cleared"


def test_kg_scheduler_once_skips_the_analysis_of_an_unchanged_graph(
    analyzed_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    assert kg(neo4j_settings, tmp_path, "analyze", "--if-changed").returncode == 0  # a default run is current
    before = current_run(analyzed_graph, neo4j_settings.neo4j_database)
    done = kg(neo4j_settings, tmp_path, "scheduler", "--once")
    assert done.returncode == 0, done.stderr
    after = current_run(analyzed_graph, neo4j_settings.neo4j_database)
    assert before is not None and after is not None and after["id"] == before["id"]


def test_a_wrong_password_is_authentication_failed_with_exit_4(
    driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    done = kg(wrong, tmp_path, "stats")
    assert done.returncode == 4, done.stderr
    assert "refused the credentials: authentication failed" in done.stderr and "unavailable" not in done.stderr
    assert "Traceback" not in done.stderr
