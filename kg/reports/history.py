"""The report history: dated job folders under `reports_dir`, and the index page that lists them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from kg.reports.render import FIGURES_FILE, HTML_FILE, write_text_atomically
from kg.reports.text import visible

ERROR_FILE = "error.txt"
_JOB_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z(-\d+)?$")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    name: str
    status: str  # "ok", "failed", "running"
    papers: int | None = None
    contradictions: int | None = None
    topics: int | None = None
    new_papers: int | None = None
    error: str | None = None


def job_folders(reports_dir: Path) -> list[Path]:
    """Dated job folders, newest first."""
    if not reports_dir.is_dir():
        return []
    folders = [p for p in reports_dir.iterdir() if p.is_dir() and _JOB_FOLDER.match(p.name)]
    return sorted(folders, key=_order, reverse=True)


def _order(folder: Path) -> tuple[str, int]:
    stamp, _, suffix = folder.name.partition("Z")
    return stamp, int(suffix.lstrip("-") or 1)


def latest_figures(reports_dir: Path) -> Path | None:
    """The figures.json of the newest successful report, if any."""
    for folder in job_folders(reports_dir):
        if (folder / FIGURES_FILE).is_file() and not (folder / ERROR_FILE).exists():
            return folder / FIGURES_FILE
    return None


def mark_interrupted(reports_dir: Path) -> list[Path]:
    """Mark job folders that never finished as failed; call only while holding the scheduler lock."""
    unfinished = [f for f in job_folders(reports_dir) if not (f / HTML_FILE).exists() and not (f / ERROR_FILE).exists()]
    for folder in unfinished:
        write_text_atomically(folder / ERROR_FILE, "interrupted: the job never finished (crashed or killed)\n")
    return unfinished


def _figures(folder: Path) -> dict[str, Any]:
    try:
        raw = json.loads((folder / FIGURES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def entry(folder: Path) -> HistoryEntry:
    if (folder / ERROR_FILE).exists():
        return HistoryEntry(folder.name, "failed", error=(folder / ERROR_FILE).read_text(errors="replace").strip())
    if not (folder / HTML_FILE).exists():
        return HistoryEntry(folder.name, "running")
    figures = _figures(folder)
    overview = figures.get("overview", {})
    changes = figures.get("changes", {})
    return HistoryEntry(
        folder.name,
        "ok",
        papers=overview.get("papers"),
        contradictions=overview.get("contradictions"),
        topics=len(figures.get("topics", [])),
        new_papers=None if changes.get("first", True) else len(changes.get("new_papers", [])),
    )


def render_history(entries: list[HistoryEntry]) -> str:
    env = Environment(loader=PackageLoader("kg.reports", "templates"), autoescape=select_autoescape(("html",)))
    env.filters["visible"] = visible
    return env.get_template("history.html").render(entries=entries)


def write_history_index(reports_dir: Path) -> Path:
    """Rewrite `reports_dir/index.html` from the job folders on disk."""
    index = reports_dir / HTML_FILE
    write_text_atomically(index, render_history([entry(f) for f in job_folders(reports_dir)]))
    return index
