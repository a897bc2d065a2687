"""`kg report` and `kg scheduler --once` as a user runs them, against the real corpus graph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from kg.settings import Settings

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
