"""The HTML report in a real headless Chromium: it draws, it logs nothing, and hostile text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.reports.diff import diff
from kg.reports.history import write_history_index
from kg.reports.render import write_report
from tests.chromium import colour_count, inked_fraction, open_page
from tests.unit.reports.sample import HOSTILE, sample_report

pytestmark = pytest.mark.browser


def test_the_harness_sees_console_errors_and_blank_pages(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><title>t</title><script>console.error('boom'); missing();</script>")
    run = open_page(page.as_uri(), tmp_path / "bad.png", height=400)
    assert any("boom" in line for line in run.console)
    assert any("missing is not defined" in line for line in run.console)
    assert inked_fraction(run.screenshot) < 0.001


def test_report_with_hostile_text_draws_and_logs_nothing(tmp_path: Path) -> None:
    previous = sample_report(text=HOSTILE, papers=4, topic_sizes=(2, 2))
    report = sample_report(text=HOSTILE, contradiction_pairs=(("p0:0", "p1:0"), ("p2:0", "p3:1")))
    index = write_report(report, diff(previous, report), tmp_path / "report")
    run = open_page(index.as_uri(), tmp_path / "report.png")
    assert run.console == [], "a page without scripts logs nothing; alert() in a title must not run"
    assert colour_count(run.screenshot) > 50
    assert inked_fraction(run.screenshot) > 0.2


def test_history_index_draws(tmp_path: Path) -> None:
    report = sample_report()
    write_report(report, diff(None, report), tmp_path / "2026-01-01T06-00-00Z")
    (tmp_path / "2026-01-02T06-00-00Z").mkdir()
    (tmp_path / "2026-01-02T06-00-00Z" / "error.txt").write_text(f"RuntimeError: {HOSTILE}")
    index = write_history_index(tmp_path)
    run = open_page(index.as_uri(), tmp_path / "history.png", height=600)
    assert run.console == []
    assert inked_fraction(run.screenshot) > 0.05
