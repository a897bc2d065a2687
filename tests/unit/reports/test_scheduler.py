"""The scheduler: one job at a time (a lock that survives a crash), failures logged, history kept."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.reports.diff import diff
from kg.reports.history import job_folders, latest_figures
from kg.reports.render import load_previous, write_report
from kg.reports.scheduler import (
    LOCK_FILE,
    Jobs,
    SchedulerBusy,
    job_lock,
    next_time,
    run_forever,
    run_job,
)
from tests.unit.reports.sample import sample_report

REPO = Path(__file__).resolve().parents[3]
T0 = dt.datetime(2026, 3, 1, 5, 59, 30, tzinfo=dt.UTC)


def fake_report(papers: int = 6) -> Callable[[Path, Path | None], Path]:
    def report(folder: Path, previous: Path | None) -> Path:
        current = sample_report(papers=papers, topic_sizes=(papers,))
        return write_report(current, diff(load_previous(previous) if previous else None, current), folder)

    return report


def ticking_clock(start: dt.datetime, step: dt.timedelta) -> Callable[[], dt.datetime]:
    """A clock that moves `step` ahead on every reading, so the scheduler never really sleeps."""
    ticks: Iterator[dt.datetime] = (start + i * step for i in range(10_000))
    return lambda: next(ticks)


def test_a_job_writes_a_dated_report_and_the_history(tmp_path: Path) -> None:
    outcome = run_job(tmp_path, Jobs(analyze=lambda: None, report=fake_report()), now=T0)
    assert outcome.ok
    assert outcome.folder.name == "2026-03-01T05-59-30Z"
    assert (outcome.folder / "index.html").is_file()
    index = (tmp_path / "index.html").read_text()
    assert 'href="2026-03-01T05-59-30Z/index.html"' in index
    assert (tmp_path / LOCK_FILE).read_text() == "", "the pid is cleared on release"


def test_second_job_gets_the_previous_report_and_shows_the_diff(tmp_path: Path) -> None:
    run_job(tmp_path, Jobs(lambda: None, fake_report(papers=4)), now=T0)
    second = run_job(tmp_path, Jobs(lambda: None, fake_report(papers=6)), now=T0)
    assert second.folder.name == "2026-03-01T05-59-30Z-2"
    changes = json.loads((second.folder / "figures.json").read_text())["changes"]
    assert [p["id"] for p in changes["new_papers"]] == ["p4", "p5"]
    assert [f.name for f in job_folders(tmp_path)] == ["2026-03-01T05-59-30Z-2", "2026-03-01T05-59-30Z"]


def test_a_failing_job_is_logged_and_the_next_one_runs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    calls = {"analyze": 0}

    def analyze() -> None:
        calls["analyze"] += 1
        if calls["analyze"] == 1:
            raise RuntimeError("Neo4j went away")

    caplog.set_level(logging.INFO, logger="kg.reports.scheduler")
    outcomes = run_forever(
        tmp_path,
        "0 6 * * *",
        Jobs(analyze, fake_report()),
        max_jobs=2,
        clock=ticking_clock(T0, dt.timedelta(days=1)),
    )
    assert [o.ok for o in outcomes] == [False, True]
    assert outcomes[0].error == "RuntimeError: Neo4j went away"
    assert "Neo4j went away" in (outcomes[0].folder / "error.txt").read_text()
    assert any(r.levelno == logging.ERROR and "failed" in r.getMessage() for r in caplog.records)
    assert latest_figures(tmp_path) == outcomes[1].folder / "figures.json"
    index = (tmp_path / "index.html").read_text()
    assert "failed: RuntimeError: Neo4j went away" in index
    assert f'Latest report: <a href="{outcomes[1].folder.name}/index.html">' in index


def test_a_job_is_refused_while_another_holds_the_lock(tmp_path: Path) -> None:
    ran: list[str] = []
    with job_lock(tmp_path):
        assert f"pid {os.getpid()}" in (tmp_path / LOCK_FILE).read_text()
        with pytest.raises(SchedulerBusy, match=f"pid {os.getpid()}"):
            run_job(tmp_path, Jobs(lambda: ran.append("analyze"), fake_report()))
    assert ran == []
    assert run_job(tmp_path, Jobs(lambda: ran.append("analyze"), fake_report())).ok


HOLD_LOCK = """
import sys, time
from pathlib import Path
from kg.reports.scheduler import job_lock
with job_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(SchedulerBusy, match=f"pid {holder.pid}"):
            run_job(tmp_path, Jobs(lambda: None, fake_report()))
        (tmp_path / "2026-01-01T00-00-00Z").mkdir()  # the folder of the job it was running
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close() if holder.stdout else None
    assert f"pid {holder.pid}" in (tmp_path / LOCK_FILE).read_text(), "the crash left its pid behind"
    caplog.set_level(logging.WARNING, logger="kg.reports.scheduler")
    outcome = run_job(tmp_path, Jobs(lambda: None, fake_report()))
    assert outcome.ok
    assert any("stale lock" in r.getMessage() and str(holder.pid) in r.getMessage() for r in caplog.records)
    assert "interrupted" in (tmp_path / "2026-01-01T00-00-00Z" / "error.txt").read_text()


def test_a_busy_lock_skips_a_scheduled_job_without_stopping(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="kg.reports.scheduler")
    with job_lock(tmp_path):
        outcomes = run_forever(
            tmp_path, "*/5 * * * *", Jobs(lambda: None, fake_report()), max_jobs=1,
            clock=ticking_clock(T0, dt.timedelta(minutes=5)), on_wait=lambda due: time.sleep(0),
        )  # fmt: skip
        assert outcomes == []
    assert any("skipped" in r.getMessage() for r in caplog.records)


def test_cron_is_validated_and_followed() -> None:
    assert next_time("0 6 * * *", T0) == dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC)
    with pytest.raises(ConfigError, match="cron"):
        next_time("every day", T0)


def test_a_failing_analysis_process_raises_with_its_last_error_line() -> None:
    from kg.reports.jobs import AnalysisFailed, run_analysis_process

    failing = (sys.executable, "-c", "import sys; print('error: Neo4j is down', file=sys.stderr); sys.exit(3)")
    with pytest.raises(AnalysisFailed, match=r"status 3: error: Neo4j is down"):
        run_analysis_process(failing)
    run_analysis_process((sys.executable, "-c", "pass"))


def test_stop_ends_the_wait_for_the_next_job(tmp_path: Path) -> None:
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    outcomes = run_forever(tmp_path, "0 6 1 1 *", Jobs(lambda: None, fake_report()), stop=stop)
    timer.join()
    assert outcomes == []
    assert job_folders(tmp_path) == []
