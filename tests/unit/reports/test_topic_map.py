"""The topic map: strongest links only, circles that do not overlap, short labels, inert text."""

from __future__ import annotations

import itertools
import math
import re

from kg.reports.data import TopicLink, TopicRow
from kg.reports.topic_map import LABEL_ROOM, separate, short_label, strongest_links, topic_layout, topic_map


def topics(n: int) -> list[TopicRow]:
    return [TopicRow(f"t{i}", f"topic {i} / term / other", 5 + i) for i in range(n)]


def complete_links(n: int) -> list[TopicLink]:
    return [TopicLink(f"t{a}", f"t{b}", 1 + (a * b) % 7) for a, b in itertools.combinations(range(n), 2)]


def test_strongest_links_keep_a_few_per_topic() -> None:
    links = complete_links(12)
    kept = strongest_links(links, per_topic=2)
    assert len(kept) <= 12 * 2
    for topic in (f"t{i}" for i in range(12)):
        best = max(link.weight for link in links if topic in (link.source, link.target))
        assert any(link.weight == best and topic in (link.source, link.target) for link in kept)


def test_layout_is_seeded_and_inside_the_unit_square() -> None:
    first = topic_layout(topics(10), complete_links(10), seed=7)
    assert first == topic_layout(topics(10), complete_links(10), seed=7)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())


def test_separate_removes_overlaps_inside_the_box() -> None:
    centres = {f"c{i}": (100.0 + i, 100.0) for i in range(6)}
    radius = dict.fromkeys(centres, 20.0)
    placed = separate(centres, radius, (0, 0, 600, 600))
    for a, b in itertools.combinations(placed, 2):
        assert math.dist(placed[a], placed[b]) >= 40 + LABEL_ROOM - 1e-6
    assert all(0 <= x <= 600 and 0 <= y <= 600 for x, y in placed.values())


def test_short_label_keeps_whole_terms() -> None:
    assert short_label("scaling laws / size / loss") == "scaling laws / size / loss"
    assert short_label("visual autoregressive / next-scale prediction / var") == "visual autoregressive"
    assert short_label("x" * 40).endswith("…")


def test_map_draws_one_circle_per_topic_and_escapes_labels() -> None:
    rows = [*topics(5), TopicRow("evil", "<script>alert(1)</script>", 3)]
    svg = str(topic_map(rows, complete_links(5)))
    assert len(re.findall(r"<circle ", svg)) == 6
    assert "<script>" not in svg and "&lt;script&gt;" in svg
