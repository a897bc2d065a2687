"""Property: whatever text an abstract holds, the HTML and the Markdown report show it as text, never markup.

`CI=1` makes the runs deterministic (derandomized, no example database), as in the ingest fuzz tests.
"""

from __future__ import annotations

import os
from collections import Counter
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kg.reports.data import ReportData
from kg.reports.diff import diff
from kg.reports.render import render_html, render_markdown
from kg.reports.text import one_line, visible
from tests.unit.reports.sample import sample_report

MARKUP_HEAVY = (
    st.lists(
        st.sampled_from(
            [*"<>&\"'`*_[]()#!|~\\-+=.:/ \n\tabc123", "\x00", "\x07", "\x1b", "\r", "é", "&amp;", "<script>", "1. "]
        ),
        max_size=25,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")
)  # empty text drops optional lines
COMMONMARK = MarkdownIt("commonmark").enable("table")
IN_CI = bool(os.environ.get("CI"))
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=IN_CI)
if IN_CI:
    PROPERTY = settings(PROPERTY, database=None)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def report_with(text: str) -> ReportData:
    """A sample report with `text` at the start of lines and cells, and at the end of others."""
    report = sample_report(text=text)
    report.topics[0].label = text
    report.contradictions[0].reason = text
    return report


def shown(html: str) -> str:
    return " ".join(one_line(t) for t in parsed(html).text)


BASE_HTML = parsed(render_html(report_with("x"), diff(None, report_with("x")))).tags
BASE_MARKDOWN = parsed(COMMONMARK.render(render_markdown(report_with("x"), diff(None, report_with("x"))))).tags


@PROPERTY
@given(MARKUP_HEAVY)
def test_html_report_has_the_same_elements_whatever_the_text(text: str) -> None:
    report = report_with(text)
    html = render_html(report, diff(None, report))
    page = parsed(html)
    assert page.tags == BASE_HTML
    assert page.handlers == []
    assert one_line(visible(text)) in shown(html)


@PROPERTY
@given(MARKUP_HEAVY)
def test_markdown_report_renders_the_text_as_text(text: str) -> None:
    report = report_with(text)
    html = COMMONMARK.render(render_markdown(report, diff(None, report)))
    assert parsed(html).tags == BASE_MARKDOWN
    assert one_line(visible(text)) in shown(html)
