"""Where the topic map writes each topic's label, and the colour of each topic.

Labels: each topic in turn (largest first) takes the first place around its circle (below, above,
right, left) where its label stays inside the figure and clear of every circle and of the labels
already placed; when none is free, a shorter form of the label (fewer terms) tries again, then the
shortest form further out (clear of the other labels, over a circle if need be). The last resort is
the shortest form below the circle, moved sideways to stay inside the figure. Text
width is estimated from the character count (11 px sans-serif); a browser test measures the real one.

Colours: neighbouring topics (linked on the map, or drawn close together) never share a colour while
the palette has one left, so two topics that touch cannot be mistaken for one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from kg.reports.data import TopicLink, TopicRow
from kg.reports.svg import PALETTE

Point = tuple[float, float]
CHAR_WIDTH = 6.6  # px per character of the 11 px label font, on the wide side
ASCENT, DESCENT = 11.0, 4.0  # px above and below the baseline
MARGIN = 3.0  # px kept free around a label
NEAR = 60.0  # px between two circles' edges under which they count as neighbours for colours
LIMITS = (26, 18, 12)  # label lengths tried, in characters


@dataclass(frozen=True, slots=True)
class Label:
    x: float
    y: float  # baseline
    anchor: str  # SVG text-anchor: start, middle, end
    text: str

    def box(self) -> tuple[float, float, float, float]:
        width = len(self.text) * CHAR_WIDTH
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (left - MARGIN, self.y - ASCENT - MARGIN, left + width + MARGIN, self.y + DESCENT + MARGIN)


def short_label(label: str, limit: int = LIMITS[0]) -> str:
    """The first terms of a "term / term / term" label that fit in `limit` characters."""
    terms = [t.strip() for t in label.split(" / ")]
    shown = terms[0]
    for term in terms[1:]:
        if len(shown) + 3 + len(term) > limit:
            break
        shown = f"{shown} / {term}"
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def place_labels(
    topics: Sequence[TopicRow], at: dict[str, Point], radius: dict[str, float], width: float, height: float
) -> dict[str, Label]:
    """Topic id -> its label, clear of circles and of each other, inside `width` x `height`."""
    placed: dict[str, Label] = {}
    for topic in sorted(topics, key=lambda t: (-t.size, t.id)):
        placed[topic.id] = _first_free(topic, at, radius, placed, width, height) or _fallback(
            topic, at[topic.id], radius[topic.id], width
        )
    return placed


def _first_free(
    topic: TopicRow,
    at: dict[str, Point],
    radius: dict[str, float],
    placed: dict[str, Label],
    width: float,
    height: float,
) -> Label | None:
    """Around the circle, clear of everything; failing that, further out, clear of the other labels."""
    for limit in LIMITS:
        text = short_label(topic.label, limit)
        for label in _candidates(at[topic.id], radius[topic.id], text):
            box = label.box()
            if _inside(box, width, height) and not _hits(box, topic.id, at, radius, placed):
                return label
    text = short_label(topic.label, LIMITS[-1])
    for label in _further_out(at[topic.id], radius[topic.id], text):
        box = label.box()
        if _inside(box, width, height) and not _hits(box, topic.id, {}, radius, placed):
            return label
    return None


def _candidates(centre: Point, r: float, text: str) -> list[Label]:
    x, y = centre
    return [
        Label(x, y + r + ASCENT + 2, "middle", text),
        Label(x, y - r - DESCENT - 2, "middle", text),
        Label(x + r + 4, y + 4, "start", text),
        Label(x - r - 4, y + 4, "end", text),
    ]


def _further_out(centre: Point, r: float, text: str, steps: int = 12) -> list[Label]:
    x, y = centre
    found = []
    for step in range(1, steps + 1):
        for dx in (0.0, -25.0 * step, 25.0 * step):
            found.append(Label(x + dx, y + r + ASCENT + 2 + 14 * step, "middle", text))
            found.append(Label(x + dx, y - r - DESCENT - 2 - 14 * step, "middle", text))
    return found


def _fallback(topic: TopicRow, centre: Point, r: float, width: float) -> Label:
    text = short_label(topic.label, LIMITS[-1])
    half = len(text) * CHAR_WIDTH / 2 + MARGIN
    x = min(max(centre[0], half), width - half)
    return Label(x, centre[1] + r + ASCENT + 2, "middle", text)


def _inside(box: tuple[float, float, float, float], width: float, height: float) -> bool:
    left, top, right, bottom = box
    return left >= 0 and top >= 0 and right <= width and bottom <= height


def _hits(
    box: tuple[float, float, float, float],
    own: str,
    at: dict[str, Point],
    radius: dict[str, float],
    placed: dict[str, Label],
) -> bool:
    left, top, right, bottom = box
    for other in placed.values():
        o_left, o_top, o_right, o_bottom = other.box()
        if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
            return True
    for topic_id, (cx, cy) in at.items():
        if topic_id == own:
            continue
        nearest = (min(max(cx, left), right), min(max(cy, top), bottom))
        if math.dist(nearest, (cx, cy)) < radius[topic_id]:
            return True
    return False


def topic_colours(
    topics: Sequence[TopicRow], links: Sequence[TopicLink], at: dict[str, Point], radius: dict[str, float]
) -> dict[str, str]:
    """Topic id -> a palette colour that no neighbour of it has (greedy in the given order, largest first)."""
    neighbours: dict[str, set[str]] = {topic.id: set() for topic in topics}
    for link in links:
        if link.source in neighbours and link.target in neighbours:
            neighbours[link.source].add(link.target)
            neighbours[link.target].add(link.source)
    for a in neighbours:
        for b in neighbours:
            if a < b and math.dist(at[a], at[b]) - radius[a] - radius[b] < NEAR:
                neighbours[a].add(b)
                neighbours[b].add(a)
    chosen: dict[str, int] = {}
    for topic in topics:
        taken = [chosen[other] for other in neighbours[topic.id] if other in chosen]
        used = list(chosen.values())
        free = [index for index in range(len(PALETTE)) if index not in taken]
        pick = min(free, key=lambda i: (used.count(i), i)) if free else min(range(len(PALETTE)), key=taken.count)
        chosen[topic.id] = pick  # the least used free colour: the whole palette shows
    return {topic_id: PALETTE[index] for topic_id, index in chosen.items()}
