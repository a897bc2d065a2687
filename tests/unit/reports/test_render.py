"""Rendering: three files, the figures agree with the data, and hostile text stays inert everywhere."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.reports.diff import diff
from kg.reports.render import load_previous, render_html, render_markdown, write_report
from kg.reports.text import markdown_escape, visible
from tests.unit.reports.sample import HOSTILE, sample_report


class _Elements(HTMLParser):
    """Collects every start tag and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_write_report_makes_three_files(tmp_path: Path) -> None:
    report = sample_report()
    index = write_report(report, diff(None, report), tmp_path)
    assert index == tmp_path / "index.html"
    assert {p.name for p in tmp_path.iterdir()} == {"index.html", "report.md", "figures.json"}
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["overview"]["papers"] == report.overview.papers
    assert [t["size"] for t in figures["topics"]] == [t.size for t in report.topics]
    assert figures["changes"]["first"] is True
    assert load_previous(tmp_path / "figures.json") == report


def test_load_previous_tolerates_missing_and_broken_files(tmp_path: Path) -> None:
    assert load_previous(tmp_path / "nothing.json") is None
    (tmp_path / "broken.json").write_text("{not json")
    assert load_previous(tmp_path / "broken.json") is None


def test_html_is_self_contained() -> None:
    html = render_html(sample_report(), diff(None, sample_report()))
    elements = parse(html)
    assert "script" not in elements.tags
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no remote resources"
    assert elements.tags.count("svg") >= 3  # topic map, bars, sparklines
    assert "circle" in elements.tags


@pytest.mark.parametrize(
    "hostile", [HOSTILE, "MATCH (n) DETACH DELETE n //", "\x00\x1b[31m", '"><svg onload=alert(1)>']
)
def test_hostile_text_is_inert_in_html(hostile: str) -> None:
    report = sample_report(text=hostile)
    html = render_html(report, diff(sample_report(papers=2, topic_sizes=(1, 1)), report))
    elements = parse(html)
    assert "script" not in elements.tags
    assert "img" not in elements.tags
    assert not [a for a in elements.attributes if a.startswith("on")]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", html)
    shown = visible(hostile).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert shown.replace('"', "&#34;") in html or shown in html


@pytest.mark.parametrize("hostile", [HOSTILE, "- [link](http://x) | `code` # head\nnext line"])
def test_hostile_text_is_inert_in_markdown(hostile: str) -> None:
    report = sample_report(text=hostile)
    markdown = render_markdown(report, diff(None, report))
    assert not re.search(r"(?<!\\)<", markdown), "every < is escaped"
    assert "](" not in markdown.replace("\\](", "")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", markdown)
    assert markdown_escape(f"Paper p0 {hostile}") in markdown
    table_rows = [line for line in markdown.splitlines() if line.startswith("| topic 0")]
    assert table_rows and all(len(re.findall(r"(?<!\\)\|", row)) == 4 for row in table_rows)


def test_markdown_escape_keeps_the_words() -> None:
    assert markdown_escape("a *b* <c>") == r"a \*b\* \<c\>"
    assert markdown_escape("- item") == r"\- item"
    assert markdown_escape("3. third") == r"3\. third"
    assert markdown_escape("bell\x07") == "bell\u2407"


def test_changes_are_shown() -> None:
    before = sample_report(papers=4, topic_sizes=(2, 2), contradiction_pairs=())
    after = sample_report(papers=6, topic_sizes=(3, 3))
    html = render_html(after, diff(before, after))
    assert "Paper p5" in html
    assert "<b>new</b>" in html
    markdown = render_markdown(after, diff(before, after))
    assert "new: Paper p4" in markdown
    assert "2 → 3 (+1)" in markdown


def test_numbers_are_not_escaped_in_markdown() -> None:
    report = sample_report()
    markdown = render_markdown(report, diff(None, report))
    assert "### 1. depth, confidence 0.90" in markdown
    assert "| 6 | 11 | 7 | 5 | 3 | 1 | 3 |" in markdown
