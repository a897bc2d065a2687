"""`kg report` (one report now) and `kg scheduler` (analysis then a report on a cron schedule)."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import connected, console, err_console, load_settings, status
from kg.cli.help import PlainCommand
from kg.errors import ConfigError, InputError


def report(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FOLDER", help="Folder to write (default: KG_REPORTS_DIR/latest)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="figures.json of the report to compare with (default: the one already in the folder)."
        ),
    ] = None,
) -> None:
    """Render a report of the current graph: index.html (self-contained), report.md and figures.json."""
    from kg.reports.build import build_report  # plotting loads only when a report is made

    settings = load_settings()
    out_dir = output or settings.reports_dir / "latest"
    with connected(settings) as driver, status("collecting the report from Neo4j ..."):
        index = build_report(driver, settings, out_dir, previous)
    console.print(f"report written: {index}")


def scheduler(
    once: Annotated[bool, typer.Option("--once", help="Run one job now and exit (for cron users and tests).")] = False,
    cron: Annotated[
        str | None, typer.Option(metavar="EXPR", help="Cron expression, UTC (default: KG_REPORT_CRON).")
    ] = None,
    analyze: Annotated[bool, typer.Option(help="Run `kg analyze --if-changed` before each report.")] = True,
) -> None:
    """Run `kg analyze --if-changed` then `kg report` on a schedule, into KG_REPORTS_DIR/<UTC time>/.

    The analysis is skipped while the graph is unchanged since the current run; an index page lists
    the reports.
    """
    from kg.reports.jobs import scheduled_jobs
    from kg.reports.scheduler import is_valid_cron, run_forever, run_job, validate_cron
    from kg.store.db import open_driver

    settings = load_settings()
    if cron is not None and not is_valid_cron(cron):
        message = f"{cron!r} is not a cron expression (5 fields, UTC: minute hour day-of-month month day-of-week)"
        raise typer.BadParameter(message, param_hint="'--cron'")
    expression = validate_cron(cron or settings.report_cron)
    _log_to(settings.reports_dir)
    driver = open_driver(settings, verify=False)  # Neo4j may come up later; each job reconnects
    try:
        jobs = scheduled_jobs(driver, settings, analyze=analyze)
        if once:
            outcome = run_job(settings.reports_dir, jobs)
            if not outcome.ok:
                raise typer.Exit(1)
            console.print(f"report written: {outcome.folder / 'index.html'}")
            return
        console.print(f"scheduler: cron {expression!r} (UTC), reports in {settings.reports_dir}; Ctrl-C stops")
        run_forever(settings.reports_dir, expression, jobs, stop=_stop_on_sigterm(), on_wait=_announce)
    finally:
        driver.close()


def guide(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder to serve (default: ./browser).")] = Path(
        "browser"
    ),
    port: Annotated[int, typer.Option(metavar="PORT", help="Port on 127.0.0.1.")] = 8001,
) -> None:
    """Serve the Browser guide (or any folder) on localhost: `:guide http://localhost:PORT/guide.html` in Browser."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder (run from the repository, or pass the folder to serve)")
    from kg.reports.static_server import folder_server

    try:
        server = folder_server(folder, port=port)
    except OSError as exc:
        raise ConfigError(f"cannot serve on port {port}: {exc.strerror}; choose another with --port") from None
    console.print(f"serving {folder} on http://localhost:{port}/ ; in Neo4j Browser run:")
    console.print(f"  :guide http://localhost:{port}/guide.html", highlight=False)
    try:
        server.serve_forever()
    finally:
        server.server_close()


def _stop_on_sigterm() -> threading.Event:
    """An event set by SIGTERM (docker stop): the scheduler finishes the job it runs, then exits."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    return stop


def _announce(due: dt.datetime) -> None:
    logging.getLogger("kg.reports.scheduler").info("next report job at %s", due.isoformat(timespec="minutes"))


def _log_to(reports_dir: Path) -> None:
    """Scheduler logs go to stderr and to KG_REPORTS_DIR/scheduler.log."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    to_file = logging.FileHandler(reports_dir / "scheduler.log", encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    from rich.logging import RichHandler

    to_screen = RichHandler(console=err_console.get(), show_path=False)
    to_screen.setFormatter(logging.Formatter("%(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[to_screen, to_file], force=True)
    logging.getLogger("neo4j").setLevel(logging.WARNING)


def register(app: typer.Typer) -> None:
    """Adds `kg report` and `kg scheduler` to `app`."""
    app.command("report", cls=PlainCommand)(report)
    app.command("scheduler", cls=PlainCommand)(scheduler)
    app.command("guide", cls=PlainCommand)(guide)
