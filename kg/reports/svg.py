"""Inline SVG figures for the HTML report: no JavaScript, no CDN, readable offline.

Every piece of text that comes from the graph goes through `markupsafe.escape`, so a title with
`<script>` in it is drawn as text, never parsed as markup.
"""

from __future__ import annotations

import math

import networkx as nx
from markupsafe import Markup, escape

from kg.reports.data import TopicLink, TopicRow
from kg.reports.text import visible

PALETTE = ("#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#B279A2", "#FF9DA6", "#9D755D", "#BAB0AC", "#EECA3B")


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def topic_layout(topics: list[TopicRow], links: list[TopicLink], *, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Topic id -> position in [0, 1]², a spring layout of the topic graph (links weighted by shared entities)."""
    graph = nx.Graph()
    graph.add_nodes_from(t.id for t in topics)
    known = set(graph)
    top = max((link.weight for link in links), default=1)
    for link in links:
        if link.source in known and link.target in known:
            graph.add_edge(link.source, link.target, weight=link.weight / top)
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph)): (0.5, 0.5)}
    raw = nx.spring_layout(graph, weight="weight", seed=seed, k=1.5 / math.sqrt(len(graph)))
    return _normalise({str(node): (float(x), float(y)) for node, (x, y) in raw.items()})


def _normalise(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {k: ((x - min(xs)) / span_x, (y - min(ys)) / span_y) for k, (x, y) in points.items()}


def topic_map(
    topics: list[TopicRow], links: list[TopicLink], *, width: int = 760, height: int = 480, seed: int = 42
) -> Markup:
    """The topics as circles sized by paper count, placed by a spring layout, linked by shared entities."""
    if not topics:
        return Markup("")
    positions = topic_layout(topics, links, seed=seed)
    biggest = max(t.size for t in topics) or 1
    margin_x, margin_y = 120, 60
    radius = {t.id: 8 + 42 * math.sqrt(t.size / biggest) for t in topics}

    def at(topic_id: str) -> tuple[float, float]:
        x, y = positions[topic_id]
        return margin_x + x * (width - 2 * margin_x), margin_y + y * (height - 2 * margin_y)

    parts = [
        f'<svg class="topic-map" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Map of {len(topics)} topics</title>'
    ]
    top_weight = max((link.weight for link in links), default=1)
    for link in links:
        if link.source in positions and link.target in positions:
            (x1, y1), (x2, y2) = at(link.source), at(link.target)
            opacity = 0.08 + 0.5 * link.weight / top_weight
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="#8894a8" stroke-width="1.5" stroke-opacity="{opacity:.2f}"/>'
            )
    for index, topic in enumerate(topics):
        x, y = at(topic.id)
        label = escape(visible(_shorten(topic.label, 30)))
        parts.append(
            f"<g><title>{escape(visible(topic.label))}: {topic.size} papers</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius[topic.id]:.1f}" fill="{colour(index)}" '
            f'fill-opacity="0.75" stroke="#fff" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y + radius[topic.id] + 13:.1f}" text-anchor="middle" '
            f'font-size="12" fill="#222">{label}</text>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold" '
            f'fill="#fff">{topic.size}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(counts: list[int], *, width: int = 140, height: int = 28, stroke: str = "#4C78A8") -> Markup:
    """A small line of counts per period, with the last point marked."""
    if not counts:
        return Markup("")
    top = max(counts) or 1
    step = width / max(len(counts) - 1, 1)
    points = [(i * step, height - 3 - (height - 6) * c / top) for i, c in enumerate(counts)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    lx, ly = points[-1]
    return Markup(
        f'<svg class="spark" viewBox="-3 0 {width + 6} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-hidden="true">'
        f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="1.8"/>'
        f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2.5" fill="{stroke}"/></svg>'
    )


def bars(values: dict[str, int], *, width: int = 360, bar_height: int = 20) -> Markup:
    """Horizontal bars with their labels and values (e.g. entities per label)."""
    if not values:
        return Markup("")
    top = max(values.values()) or 1
    label_width, gap = 90, 6
    height = len(values) * (bar_height + gap)
    parts = [
        f'<svg class="bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img">'
    ]
    for i, (name, value) in enumerate(values.items()):
        y = i * (bar_height + gap)
        length = (width - label_width - 50) * value / top
        parts.append(
            f'<text x="0" y="{y + bar_height - 6}" font-size="12" fill="#333">{escape(visible(name))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" rx="3" fill="{colour(i)}"/>'
            f'<text x="{label_width + length + 5:.1f}" y="{y + bar_height - 6}" font-size="12" '
            f'fill="#333">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
