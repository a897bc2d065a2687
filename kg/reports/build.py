"""One report, end to end: collect from the graph, compare with the previous one, write the folder."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kg.reports.collect import collect
from kg.reports.diff import diff
from kg.reports.render import FIGURES_FILE, load_previous, write_report
from kg.settings import Settings


def build_report(driver: Driver, settings: Settings, out_dir: Path, previous: Path | None = None) -> Path:
    """Write index.html, report.md and figures.json into `out_dir`; return index.html.

    `previous` is the figures.json of the report to compare with; by default the one already in
    `out_dir` (so re-running `kg report` into the same folder shows what changed since last time).
    """
    previous = previous if previous is not None else out_dir / FIGURES_FILE
    before = load_previous(previous)
    current = collect(driver, settings)
    return write_report(current, diff(before, current), out_dir)
