"""The scheduler's real jobs: `kg analyze` in a child process, then a report from the open driver."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from neo4j import Driver

from kg.errors import KgError
from kg.reports.build import build_report
from kg.reports.scheduler import Jobs
from kg.settings import Settings

# The analysis runs in a child process: a crash or a memory spike there never takes the scheduler down.
# It is skipped (the current run stays) while the graph is unchanged since the current run read it.
ANALYZE_COMMAND = (sys.executable, "-c", "from kg.cli.main import main; main()", "analyze", "--if-changed")


class AnalysisFailed(KgError):
    """`kg analyze` exited with an error."""


def run_analysis_process(command: tuple[str, ...] = ANALYZE_COMMAND, timeout: float = 3600.0) -> None:
    """Run `kg analyze` (it reads the same KG_ environment) and raise with its last error lines on failure."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        tail = " | ".join(line.strip() for line in done.stderr.strip().splitlines()[-3:] if line.strip())
        raise AnalysisFailed(f"kg analyze exited with status {done.returncode}: {tail or 'no message'}")


def scheduled_jobs(driver: Driver, settings: Settings, *, analyze: bool = True) -> Jobs:
    """Analyze (unless told not to), then report into the job's folder, compared with the last report."""

    def report(folder: Path, previous: Path | None) -> Path:
        return build_report(driver, settings, folder, previous)

    return Jobs(analyze=run_analysis_process if analyze else lambda: None, report=report)
