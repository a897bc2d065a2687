"""The topic map: strongest links only, circles that do not overlap, short labels, inert text."""

from __future__ import annotations

import itertools
import math
import re

from kg.reports.data import TopicLink, TopicRow
from kg.reports.topic_labels import NEAR, place_labels, short_label, topic_colours
from kg.reports.topic_map import LABEL_ROOM, separate, strongest_links, topic_figure, topic_map


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


def test_the_map_draws_topics_where_the_run_placed_them() -> None:
    left, right = TopicRow("a", "left", 5, x=0.1, y=0.5), TopicRow("b", "right", 5, x=0.9, y=0.5)
    svg = str(topic_map([right, left], []))
    centres = {float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg)}
    assert len(centres) == 2 and max(centres) - min(centres) > 500  # apart, as stored: not laid out again


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


LABELS = [  # labels of the sample corpus's topics: long, several terms
    "scaling laws / loss / rate", "generation / diffusion / text-to-image", "graph / depth / width",
    "sequence length / attention / linear", "quantization / low-bit / weights", "mixture of experts / routing",
    "reinforcement learning / reward / policy", "vision transformers / patches / image classification",
]  # fmt: skip


def many_topics(n: int = 24) -> list[TopicRow]:
    return [TopicRow(f"t{i:02d}", LABELS[i % len(LABELS)], 60 - 2 * i) for i in range(n)]


def placed(n: int = 24) -> tuple[list[TopicRow], dict[str, tuple[float, float]], dict[str, float]]:
    """`n` topics on a grid tighter than their labels are wide."""
    rows = many_topics(n)
    at = {row.id: (60.0 + (i % 6) * 150, 60.0 + (i // 6) * 130) for i, row in enumerate(rows)}
    radius = {row.id: 10.0 + row.size / 4 for row in rows}
    return rows, at, radius


def test_labels_stay_inside_and_clear_of_each_other_and_of_other_circles() -> None:
    rows, at, radius = placed()
    labels = place_labels(rows, at, radius, 900, 600)
    boxes = {topic: label.box() for topic, label in labels.items()}
    assert all(left >= 0 and top >= 0 and right <= 900 and bottom <= 600 for left, top, right, bottom in boxes.values())
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        apart = box_a[2] <= box_b[0] or box_b[2] <= box_a[0] or box_a[3] <= box_b[1] or box_b[3] <= box_a[1]
        assert apart, (labels[a], labels[b])


def test_neighbouring_topics_get_different_colours() -> None:
    rows, at, radius = placed()
    links = [TopicLink(a.id, b.id, 1) for a, b in itertools.pairwise(rows)]
    colours = topic_colours(rows, links, at, radius)
    for link in links:
        assert colours[link.source] != colours[link.target]
    for a, b in itertools.combinations(at, 2):
        if math.dist(at[a], at[b]) - radius[a] - radius[b] < NEAR:
            assert colours[a] != colours[b], (a, b)


def test_the_table_swatches_use_the_map_colours() -> None:
    figure = topic_figure(many_topics(12), [])
    assert set(figure.colours) == {row.id for row in many_topics(12)}
    assert all(f'fill="{colour}"' in str(figure.svg) for colour in figure.colours.values())
