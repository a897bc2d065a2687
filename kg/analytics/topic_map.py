"""Positions of the topics on a 2-D map, computed by the analysis run and stored on the topics.

Two topics are linked by the entities their papers share; nearly every pair shares some, so the
layout keeps only each topic's strongest links. A seeded spring layout of that graph, scaled into
[0, 1]² by the 10th-90th percentile range so one far outlier cannot squash the rest.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

Link = tuple[int, int, int]  # topic number, topic number, shared entities
Point = tuple[float, float]


def topic_links(members: Mapping[int, Iterable[str]], mentions: Iterable[tuple[str, str]]) -> list[Link]:
    """(a, b, n) for every pair of topics a < b whose papers mention n entities in common.

    `members`: topic number -> its papers; `mentions`: (paper id, entity key) pairs.
    """
    topic_of: dict[str, set[int]] = defaultdict(set)
    for number, papers in members.items():
        for paper in papers:
            topic_of[paper].add(number)
    entities: dict[int, set[str]] = defaultdict(set)
    for paper, entity in mentions:
        for number in topic_of.get(paper, ()):
            entities[number].add(entity)
    numbers = sorted(entities)
    pairs = ((a, b, len(entities[a] & entities[b])) for i, a in enumerate(numbers) for b in numbers[i + 1 :])
    return [pair for pair in pairs if pair[2] > 0]


def strongest_links(links: Iterable[Link], per_topic: int = 3) -> list[Link]:
    """The links among the `per_topic` strongest of either of their topics."""
    ranked: dict[int, list[Link]] = defaultdict(list)
    for link in sorted(links, key=lambda item: (-item[2], item[0], item[1])):
        ranked[link[0]].append(link)
        ranked[link[1]].append(link)
    return sorted({link for top in ranked.values() for link in top[:per_topic]})


def topic_positions(numbers: Iterable[int], links: Iterable[Link], *, seed: int = 42) -> dict[int, Point]:
    """Topic number -> position in [0, 1]², a seeded spring layout of the strongest links."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(numbers))
    kept = [link for link in strongest_links(links) if link[0] in graph and link[1] in graph]
    top = max((link[2] for link in kept), default=1)
    graph.add_weighted_edges_from((a, b, n / top) for a, b, n in kept)
    if len(graph) <= 1:
        return {node: (0.5, 0.5) for node in graph}
    raw = nx.spring_layout(graph, weight="weight", seed=seed, k=2.0 / math.sqrt(len(graph)), iterations=200)
    nodes = list(raw)
    xs, ys = (_robust_unit([float(raw[node][axis]) for node in nodes]) for axis in (0, 1))
    return {node: (round(xs[i], 4), round(ys[i], 4)) for i, node in enumerate(nodes)}


def _robust_unit(values: list[float]) -> list[float]:
    ordered = sorted(values)
    low = ordered[int(0.1 * (len(ordered) - 1))]
    high = ordered[math.ceil(0.9 * (len(ordered) - 1))]
    span = (high - low) or 1.0
    return [min(max(0.1 + 0.8 * (v - low) / span, 0.0), 1.0) for v in values]
