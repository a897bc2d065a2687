"""Run analysis then a report on a cron schedule, keep a dated history, never two jobs at once.

One job = `analyze()` then `report(folder, previous_figures)` into `reports_dir/<UTC timestamp>/`;
afterwards `reports_dir/index.html` lists every job, newest first. The lock is an `fcntl.flock` on
`reports_dir/.scheduler.lock`: the operating system releases it when its holder dies, so a crash
never leaves a lock behind; the file also holds the pid, for humans. A failing job is logged (and
its folder keeps an `error.txt`), and the scheduler carries on with the next one.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from croniter import croniter

from kg.errors import ConfigError, KgError
from kg.reports.history import ERROR_FILE, latest_figures, mark_interrupted, write_history_index
from kg.reports.render import write_text_atomically

log = logging.getLogger(__name__)

LOCK_FILE = ".scheduler.lock"
FOLDER_FORMAT = "%Y-%m-%dT%H-%M-%SZ"

Analyze = Callable[[], object]
Report = Callable[[Path, "Path | None"], object]


class SchedulerBusy(KgError):
    """Another scheduler job holds the lock."""

    exit_code = 75  # EX_TEMPFAIL

    def __init__(self, lock: Path, holder: str) -> None:
        super().__init__(f"another report job is running ({holder or 'unknown pid'}); lock {lock}")


@dataclass(frozen=True, slots=True)
class Jobs:
    """What one scheduled job does; tests pass their own (failing, slow ...) callables."""

    analyze: Analyze
    report: Report


@dataclass(frozen=True, slots=True)
class JobOutcome:
    folder: Path
    ok: bool
    error: str | None = None


def is_valid_cron(expression: str) -> bool:
    return bool(croniter.is_valid(expression))


def validate_cron(expression: str) -> str:
    if not is_valid_cron(expression):
        raise ConfigError(f"KG_REPORT_CRON is not a valid cron expression: {expression!r}")
    return expression


def next_time(expression: str, after: dt.datetime) -> dt.datetime:
    """The first time strictly after `after` that `expression` (UTC) matches."""
    due: dt.datetime = croniter(validate_cron(expression), after).get_next(dt.datetime)
    return due


def read_holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text().strip()
    except OSError:
        return ""


@contextmanager
def job_lock(reports_dir: Path) -> Iterator[None]:
    """Hold the scheduler lock for the duration, or raise `SchedulerBusy` at once if someone else does."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    lock_path = reports_dir / LOCK_FILE
    handle: IO[str] = open(lock_path, "a+")  # noqa: SIM115 - held open for the duration of the lock
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SchedulerBusy(lock_path, read_holder(lock_path)) from None
        stale = read_holder(lock_path)
        if stale:
            log.warning("taking over a stale lock left by %s (that process is gone)", stale)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def new_job_folder(reports_dir: Path, now: dt.datetime) -> Path:
    """`reports_dir/<UTC timestamp>/`, with a suffix if a job already used that second."""
    base = now.astimezone(dt.UTC).strftime(FOLDER_FORMAT)
    folder, n = reports_dir / base, 1
    while folder.exists():
        n += 1
        folder = reports_dir / f"{base}-{n}"
    folder.mkdir(parents=True)
    return folder


def run_job(reports_dir: Path, jobs: Jobs, *, now: dt.datetime | None = None) -> JobOutcome:
    """One locked job: analyze, report into a new dated folder, refresh the history index.

    A failure inside the job is logged and returned, never raised; only `SchedulerBusy` escapes.
    """
    with job_lock(reports_dir):
        mark_interrupted(reports_dir)
        previous = latest_figures(reports_dir)
        folder = new_job_folder(reports_dir, now or dt.datetime.now(dt.UTC))
        log.info("report job started in %s", folder)
        try:
            jobs.analyze()
            jobs.report(folder, previous)
        except Exception as exc:
            message = f"{type(exc).__name__}: {exc}"
            log.exception("report job in %s failed: %s", folder, message)
            write_text_atomically(folder / ERROR_FILE, message + "\n")
            outcome = JobOutcome(folder, ok=False, error=message)
        else:
            log.info("report job finished: %s", folder / "index.html")
            outcome = JobOutcome(folder, ok=True)
        write_history_index(reports_dir)
        return outcome


def run_forever(
    reports_dir: Path,
    cron: str,
    jobs: Jobs,
    *,
    stop: threading.Event | None = None,
    max_jobs: int | None = None,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    on_wait: Callable[[dt.datetime], None] | None = None,
) -> list[JobOutcome]:
    """Wait for each cron time and run a job; a failed or skipped job never stops the loop.

    `max_jobs` bounds the number of scheduled times handled (run or skipped); None runs until `stop`.
    """
    validate_cron(cron)
    stop = stop or threading.Event()
    outcomes: list[JobOutcome] = []
    handled = 0
    while not stop.is_set() and (max_jobs is None or handled < max_jobs):
        handled += 1
        due = next_time(cron, clock())
        if on_wait:
            on_wait(due)
        if stop.wait(max(0.0, (due - clock()).total_seconds())):
            break
        try:
            outcomes.append(run_job(reports_dir, jobs, now=due))
        except SchedulerBusy as exc:
            log.warning("skipped the %s job: %s", due.isoformat(), exc)
    return outcomes
