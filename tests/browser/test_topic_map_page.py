"""The report's topic map as Chromium lays it out: labels whole and apart, neighbours in different colours.

The page is read through one `page.evaluate(expression)` of the project's browser harness
(tests/chromium.py: Playwright on Debian's Chromium), and the checks are plain Python over what the
page measured.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kg.analytics.topic_map import topic_positions
from kg.display import display_form
from kg.reports.data import TopicLink
from kg.reports.diff import diff
from kg.reports.render import write_report
from kg.reports.topic_labels import NEAR
from tests.chromium import browser_tab
from tests.unit.reports.sample import sample_report

pytestmark = pytest.mark.browser

LABELS = [  # topic labels of the sample corpus: several terms, some long
    "scaling laws / loss / rate", "generation / diffusion / text-to-image", "graph / depth / width",
    "sequence length / attention / linear", "quantization / low-bit / weights", "mixture of experts / routing",
    "reinforcement learning / reward / policy", "vision transformers / patches / image classification",
    "speech / audio / recognition", "retrieval / augmented generation / rag", "pruning / sparsity / structured",
    "reasoning / chain-of-thought / math",
]  # fmt: skip

# What the page measured: label boxes in the SVG's own units, the viewBox, the circles and the links.
MEASURE = """(() => {
  const svg = document.querySelector('svg.topic-map');
  const view = svg.viewBox.baseVal;
  const labels = [...svg.querySelectorAll('text.label')].map(t => {
    const b = t.getBBox(); return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
  });
  const circles = [...svg.querySelectorAll('circle')].map(c => ({
    x: c.cx.baseVal.value, y: c.cy.baseVal.value, r: c.r.baseVal.value, fill: c.getAttribute('fill')}));
  const lines = [...svg.querySelectorAll('line')].map(l => [
    [l.x1.baseVal.value, l.y1.baseVal.value], [l.x2.baseVal.value, l.y2.baseVal.value]]);
  const quotes = [...document.querySelectorAll('blockquote')].map(q => q.textContent);
  return {view: {w: view.width, h: view.height}, labels, circles, lines, quotes};
})()"""


def report_with_many_topics(tmp_path: Path) -> Path:
    data = sample_report(text=r"with {\em entropy collapse} at {\lambda}", papers=60, topic_sizes=(2,) * 24)
    topics = [  # as many topics as the demo graph has
        replace(topic, label=LABELS[index % len(LABELS)], size=50 - 2 * index)
        for index, topic in enumerate(data.topics)
    ]
    weights = {(i, j): 1 + (i * j) % 5 for i, j in itertools.combinations(range(len(topics)), 2)}
    links = [TopicLink(topics[i].id, topics[j].id, weight) for (i, j), weight in weights.items()]
    placed = topic_positions(range(len(topics)), [(i, j, weight) for (i, j), weight in weights.items()])
    topics = [replace(topic, x=placed[i][0], y=placed[i][1]) for i, topic in enumerate(topics)]  # as the run does
    data = replace(data, topics=topics, topic_links=links)
    return write_report(data, diff(None, data), tmp_path / "report")


def measure(page_url: str) -> dict[str, Any]:
    with browser_tab(width=1300, height=1400) as tab:
        tab.page.goto(page_url)
        tab.page.wait_for_function("document.querySelectorAll('svg.topic-map text.label').length > 0")
        measured: dict[str, Any] = tab.page.evaluate(MEASURE)
    return measured


def test_topic_map_labels_are_whole_apart_and_neighbours_differ_in_colour(tmp_path: Path) -> None:
    measured = measure(report_with_many_topics(tmp_path).as_uri())
    check_labels(measured)
    check_colours(measured)
    assert measured["quotes"] and all("entropy collapse at λ" in quote for quote in measured["quotes"])
    assert not any("\\em" in quote for quote in measured["quotes"])


def check_labels(measured: dict[str, Any]) -> None:
    view, labels = measured["view"], measured["labels"]
    assert len(labels) == 24
    for label in labels:  # whole: inside the figure, not cut at an edge
        assert label["x"] >= 0 and label["y"] >= 0, label
        assert label["x"] + label["w"] <= view["w"] and label["y"] + label["h"] <= view["h"], label
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a, b), (a["text"], b["text"])


def check_colours(measured: dict[str, Any]) -> None:
    circles = measured["circles"]
    centre: Callable[[dict[str, Any]], tuple[float, float]] = lambda c: (c["x"], c["y"])  # noqa: E731
    at = {centre(c): c for c in circles}
    for start, end in measured["lines"]:
        a, b = _nearest(at, start), _nearest(at, end)
        assert a["fill"] != b["fill"], (a, b)
    for a, b in itertools.combinations(circles, 2):
        if math.dist(centre(a), centre(b)) - a["r"] - b["r"] < NEAR:
            assert a["fill"] != b["fill"], (a, b)


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


def _nearest(at: dict[tuple[float, float], dict[str, Any]], point: list[float]) -> dict[str, Any]:
    return at[min(at, key=lambda c: math.dist(c, point))]


def test_display_form_is_what_the_page_shows() -> None:
    assert display_form(r"with {\em entropy collapse} at {\lambda}") == "with entropy collapse at λ"
