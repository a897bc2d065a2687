"""Community detection and PageRank give the same output format on both sides of the backend threshold."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.analytics.backends import communities, pagerank


def two_cliques() -> nx.Graph:
    graph = nx.Graph()
    for group in (["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4", "b5"]):
        graph.add_edges_from((u, v, {"weight": 2.0}) for i, u in enumerate(group) for v in group[i + 1 :])
    graph.add_edge("a1", "b1", weight=0.1)
    return graph


@pytest.mark.parametrize("threshold", [0, 10_000], ids=["igraph-leiden", "networkx-louvain"])
def test_communities_find_the_two_cliques_largest_first(threshold: int) -> None:
    found = communities(two_cliques(), seed=7, threshold=threshold)
    assert found == [{"b1", "b2", "b3", "b4", "b5"}, {"a1", "a2", "a3", "a4"}]


@pytest.mark.parametrize("threshold", [0, 10_000])
def test_communities_are_deterministic_for_a_seed(threshold: int) -> None:
    graph = nx.les_miserables_graph()
    first = communities(graph, seed=3, threshold=threshold, resolution=1.5)
    assert first == communities(graph, seed=3, threshold=threshold, resolution=1.5)
    assert set().union(*first) == set(graph.nodes)


def test_pagerank_agrees_across_backends() -> None:
    graph = nx.DiGraph([("a", "c"), ("b", "c"), ("c", "d"), ("d", "a"), ("e", "c")])
    slow = pagerank(graph, weight=None, threshold=10_000)
    fast = pagerank(graph, weight=None, threshold=0)
    assert slow.keys() == fast.keys()
    assert sum(fast.values()) == pytest.approx(1.0)
    assert all(slow[node] == pytest.approx(fast[node], abs=1e-4) for node in slow)
    assert max(fast, key=fast.__getitem__) == "c"


def test_empty_graphs() -> None:
    assert communities(nx.Graph()) == []
    assert pagerank(nx.DiGraph()) == {}
