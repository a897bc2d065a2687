"""The 2-D topic map: circles sized by papers at the positions the analysis run stored, no overlaps.

Labels are placed clear of circles and of each other, and neighbouring topics get different colours
(`kg.reports.topic_labels`).

The run places the topics (`kg.analytics.topic_map`, the same positions the explorer draws); the
report draws each topic's strongest links between them and pushes apart circles that still overlap,
leaving room for their labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from kg.reports.data import TopicLink, TopicRow
from kg.reports.text import visible
from kg.reports.topic_labels import Label, place_labels, topic_colours

Point = tuple[float, float]
LABEL_ROOM = 22.0  # pixels under a circle kept free for its label


def strongest_links(links: list[TopicLink], per_topic: int = 3) -> list[TopicLink]:
    """The links that are among the `per_topic` strongest of either of their topics."""
    ranked: dict[str, list[TopicLink]] = {}
    for link in sorted(links, key=lambda item: (-item.weight, item.source, item.target)):
        for end in (link.source, link.target):
            ranked.setdefault(end, []).append(link)
    keep = {id(link) for top in ranked.values() for link in top[:per_topic]}
    return [link for link in links if id(link) in keep]


def stored_positions(topics: list[TopicRow]) -> dict[str, Point]:
    """Topic id -> the position the analysis run stored; topics it did not place go round a circle."""
    unplaced = [t.id for t in topics if t.x is None or t.y is None]
    ring = {
        topic: (
            0.5 + 0.4 * math.cos(2 * math.pi * i / len(unplaced)),
            0.5 + 0.4 * math.sin(2 * math.pi * i / len(unplaced)),
        )
        for i, topic in enumerate(unplaced)
    }
    return {t.id: ring.get(t.id) or (float(t.x or 0.0), float(t.y or 0.0)) for t in topics}


def separate(
    centres: dict[str, Point], radius: dict[str, float], box: tuple[float, float, float, float], *, rounds: int = 300
) -> dict[str, Point]:
    """Push overlapping circles apart (label room included), keeping every centre inside `box`."""
    left, top, right, bottom = box
    at = dict(centres)
    names = sorted(at)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                (ax, ay), (bx, by) = at[a], at[b]
                dx, dy = bx - ax, by - ay
                gap = radius[a] + radius[b] + LABEL_ROOM
                dist = math.hypot(dx, dy)
                if dist >= gap:
                    continue
                if dist == 0:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (gap - dist) / 2
                ux, uy = dx / dist, dy / dist
                at[a] = (ax - ux * push, ay - uy * push)
                at[b] = (bx + ux * push, by + uy * push)
                moved = True
        at = {n: (min(max(x, left), right), min(max(y, top), bottom)) for n, (x, y) in at.items()}
        if not moved:
            break
    return at


@dataclass(frozen=True, slots=True)
class TopicFigure:
    """The map as SVG, and the colour it gave each topic (the topic table's swatches use the same)."""

    svg: Markup
    colours: dict[str, str]


def topic_figure(topics: list[TopicRow], links: list[TopicLink], *, width: int = 900, height: int = 600) -> TopicFigure:
    """The topics as circles sized by paper count, placed by the layout, linked by shared entities."""
    if not topics:
        return TopicFigure(Markup(""), {})
    biggest = max(t.size for t in topics) or 1
    scale = min(1.0, 8.0 / math.sqrt(len(topics)))
    radius = {t.id: (9 + 36 * math.sqrt(t.size / biggest)) * scale for t in topics}
    mx, my = 90.0, 50.0  # room for labels at the sides, for circles at the top and bottom
    unit = stored_positions(topics)
    raw = {k: (mx + x * (width - 2 * mx), my + y * (height - 2 * my)) for k, (x, y) in unit.items()}
    at = separate(raw, radius, (mx, my, width - mx, height - my - LABEL_ROOM))
    drawn = [link for link in strongest_links(links) if link.source in at and link.target in at]
    colours = topic_colours(topics, drawn, at, radius)
    labels = place_labels(topics, at, radius, width, height)
    parts = [
        f'<svg class="topic-map" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Map of {len(topics)} topics</title>'
    ]
    parts += [_line(link, at, links) for link in drawn]
    parts += [_circle(topic, colours[topic.id], at[topic.id], radius[topic.id]) for topic in topics]
    parts += [_label(topic, labels[topic.id]) for topic in topics]  # on top of every circle
    parts.append("</svg>")
    return TopicFigure(Markup("".join(parts)), colours)


def topic_map(topics: list[TopicRow], links: list[TopicLink], *, width: int = 900, height: int = 600) -> Markup:
    """The SVG of `topic_figure`."""
    return topic_figure(topics, links, width=width, height=height).svg


def _line(link: TopicLink, at: dict[str, Point], links: list[TopicLink]) -> str:
    (x1, y1), (x2, y2) = at[link.source], at[link.target]
    opacity = 0.1 + 0.5 * link.weight / max(item.weight for item in links)
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="#8894a8" stroke-width="1.5" stroke-opacity="{opacity:.2f}"/>'
    )


def _circle(topic: TopicRow, fill: str, centre: Point, r: float) -> str:
    x, y = centre
    return (
        f"<g><title>{escape(visible(topic.label))}: {topic.size} papers</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" fill-opacity="0.85" '
        f'stroke="#fff" stroke-width="2"/>'
        f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
        f'fill="#fff">{topic.size}</text></g>'
    )


def _label(topic: TopicRow, label: Label) -> str:
    return (
        f'<text class="label" x="{label.x:.1f}" y="{label.y:.1f}" text-anchor="{label.anchor}" font-size="11" '
        f'fill="#222" paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round">'
        f"<title>{escape(visible(topic.label))}</title>{escape(visible(label.text))}</text>"
    )
