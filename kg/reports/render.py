"""Turn `ReportData` and its `Changes` into a report folder: index.html, report.md, figures.json.

HTML and Markdown come from Jinja2 templates in `kg/reports/templates/`. HTML is autoescaped; the
Markdown environment escapes every expression through `markdown_escape` (its `finalize`), so text
from abstracts stays inert in both.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kg.display import display_form
from kg.reports import svg
from kg.reports.data import ReportData
from kg.reports.diff import Changes, TopicChange
from kg.reports.text import markdown_escape, one_line, visible
from kg.reports.topic_map import topic_figure, topic_map

HTML_FILE = "index.html"
MARKDOWN_FILE = "report.md"
FIGURES_FILE = "figures.json"


def _html_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kg.reports", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(visible=visible, display=displayed, topic_map=topic_map, sparkline=svg.sparkline, bars=svg.bars)
    env.filters.update(colour=svg.colour, pct=_percent, signed=_signed, plural=_plural, fixed=_fixed)
    return env


def displayed(text: object) -> str:
    """Text from abstracts as people read it: LaTeX rendered (`kg.display`), control characters visible."""
    return visible(display_form(str(text)))


def _md_finalize(value: Any) -> Any:
    """Every expression of the Markdown templates: our own markup and numbers as they are, text escaped."""
    if isinstance(value, Markup | int | float):
        return str(value)
    return markdown_escape(value)


def _fixed(value: float, digits: int = 2) -> Markup:
    return Markup(f"{value:.{digits}f}")


def _markdown_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kg.reports", "templates"),
        autoescape=False,
        finalize=_md_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(one_line=one_line, display=display_form, pct=_percent, signed=_signed, plural=_plural)
    env.filters.update(fixed=_fixed)
    return env


PLURALS = {"MODEL": "Models", "METHOD": "Methods", "METRIC": "Metrics", "DATASET": "Datasets", "HARDWARE": "Hardware"}


def _plural(label: str) -> str:
    return PLURALS.get(label, label.title())


def _percent(value: float) -> Markup:
    return Markup(f"{value * 100:+.1f} pts")


def _signed(value: int) -> Markup:
    return Markup(f"{value:+d}")


def _context(data: ReportData, changes: Changes) -> dict[str, Any]:
    entity_total = sum(data.overview.entities_by_label.values())
    return {"data": data, "changes": changes, "entity_total": entity_total}


def render_html(data: ReportData, changes: Changes) -> str:
    figure = topic_figure(data.topics, data.topic_links)
    return _html_environment().get_template("report.html").render(_context(data, changes), topic_figure=figure)


def render_markdown(data: ReportData, changes: Changes) -> str:
    return _markdown_environment().get_template("report.md").render(_context(data, changes))


def changes_json(changes: Changes) -> dict[str, Any]:
    raw = asdict(changes)
    for name in ("grown_topics", "shrunk_topics", "new_topics", "vanished_topics"):
        items: list[TopicChange] = getattr(changes, name)
        raw[name] = [{**asdict(c), "delta": c.delta} for c in items]
    return raw


def figures_json(data: ReportData, changes: Changes) -> dict[str, Any]:
    return {**data.to_json(), "changes": changes_json(changes)}


def write_text_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename it, so readers never see half a file.

    The file gets the mode any new file gets (0666 less the umask), not the temporary file's 0600,
    so a web server can serve a report where the umask lets it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, new_file_mode())
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def new_file_mode() -> int:
    """0666 less the process's umask: the mode `open()` gives a new file."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_report(data: ReportData, changes: Changes, out_dir: Path) -> Path:
    """Render all three files into `out_dir` and return the path of `index.html`."""
    write_text_atomically(out_dir / FIGURES_FILE, json.dumps(figures_json(data, changes), indent=1, ensure_ascii=False))
    write_text_atomically(out_dir / MARKDOWN_FILE, render_markdown(data, changes))
    write_text_atomically(out_dir / HTML_FILE, render_html(data, changes))
    return out_dir / HTML_FILE


def load_previous(figures: Path) -> ReportData | None:
    """The report saved in `figures` (a figures.json), or None when there is none or it is unreadable."""
    try:
        raw = json.loads(figures.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    try:
        return ReportData.from_json(raw) if isinstance(raw, dict) else None
    except (KeyError, TypeError, ValueError):
        return None
