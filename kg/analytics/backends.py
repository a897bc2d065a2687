"""Community detection and PageRank behind one NetworkX-style signature, dispatched by graph size.

Below `threshold` edges NetworkX does the work (Louvain, power-iteration PageRank); above it the graph
is handed to python-igraph (Leiden via leidenalg, PRPACK PageRank), which is one to two orders of
magnitude faster on large graphs. Either way the caller gets the same output format: communities as a
list of node sets (largest first, ties by smallest node), PageRank as a dict node -> score.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import igraph as ig
import leidenalg
import networkx as nx

DEFAULT_THRESHOLD = 100_000  # edges


def communities(
    G: nx.Graph,
    *,
    weight: str = "weight",
    resolution: float = 1.0,
    seed: int = 0,
    threshold: int = DEFAULT_THRESHOLD,
    initial: Mapping[Any, int] | None = None,
) -> list[set[Any]]:
    """Partition the nodes of `G` into communities, deterministically for a given `seed`.

    Without `initial`, Louvain (NetworkX) or Leiden (igraph, above `threshold` edges) finds a partition.
    With `initial` (node -> community number, for some or all nodes), that partition is the start
    instead, with the nodes it does not name alone. Either way the result is then made a local
    optimum for single-node moves (`local_optimum`), so a partition seeded from the previous run's
    communities changes only where the graph changed, instead of being redrawn from scratch.
    """
    if G.number_of_nodes() == 0:
        return []
    if not initial:
        if G.number_of_edges() > threshold:
            found = _leiden(G, weight=weight, resolution=resolution, seed=seed)
        else:
            found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        initial = {node: number for number, community in enumerate(found) for node in community}
    return canonical_order(local_optimum(G, initial, weight=weight, resolution=resolution, seed=seed))


def pagerank(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    alpha: float = 0.85,
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[Any, float]:
    """PageRank of every node of `G` (directed if `G` is), summing to 1."""
    if G.number_of_nodes() == 0:
        return {}
    if G.number_of_edges() > threshold:
        return _igraph_pagerank(G, weight=weight, alpha=alpha)
    return dict(nx.pagerank(G, alpha=alpha, weight=weight))


def canonical_order(found: Iterable[Iterable[Hashable]]) -> list[set[Any]]:
    """Largest community first; equal sizes ordered by their smallest node (as text)."""
    sets = [set(community) for community in found if community]
    return sorted(sets, key=lambda community: (-len(community), min(str(node) for node in community)))


def to_igraph(G: nx.Graph, weight: str | None) -> tuple[ig.Graph, list[Any]]:
    nodes = list(G.nodes)
    position = {node: index for index, node in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), directed=G.is_directed())
    graph.add_edges([(position[u], position[v]) for u, v in G.edges()])
    if weight is not None:
        graph.es["weight"] = [float(data.get(weight, 1.0)) for _, _, data in G.edges(data=True)]
    return graph, nodes


def _leiden(G: nx.Graph, *, weight: str, resolution: float, seed: int) -> list[set[Any]]:
    graph, nodes = to_igraph(G, weight)
    partition = leidenalg.find_partition(
        graph,
        leidenalg.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=resolution,
        seed=seed,
    )
    return [{nodes[index] for index in community} for community in partition]


def _igraph_pagerank(G: nx.Graph, *, weight: str | None, alpha: float) -> dict[Any, float]:
    graph, nodes = to_igraph(G, weight)
    scores = graph.pagerank(directed=G.is_directed(), damping=alpha, weights="weight" if weight else None)
    return dict(zip(nodes, scores, strict=True))


def local_optimum(
    G: nx.Graph,
    initial: Mapping[Any, int],
    *,
    weight: str = "weight",
    resolution: float = 1.0,
    seed: int = 0,
    max_rounds: int = 20,
) -> list[set[Any]]:
    """`initial` after moving single nodes to a neighbouring community while that raises the modularity.

    leidenalg's node-moving step alone (no refinement, no aggregation), repeated until a round moves
    nothing: no node of the result gains by changing community, so the same graph seeded with the
    result gives it back, and a few added nodes move only the nodes around them.
    """
    graph, nodes = to_igraph(G, weight)
    partition = leidenalg.RBConfigurationVertexPartition(
        graph,
        initial_membership=initial_membership(nodes, initial),
        weights="weight" if graph.ecount() else None,
        resolution_parameter=resolution,
    )
    optimiser = leidenalg.Optimiser()
    optimiser.set_rng_seed(seed)
    for _ in range(max_rounds):
        if optimiser.move_nodes(partition) <= 1e-9:
            break
    return [{nodes[index] for index in community} for community in partition]


def initial_membership(nodes: list[Any], initial: Mapping[Any, int]) -> list[int]:
    """Leiden's `initial_membership`: consecutive community numbers, every unnamed node alone."""
    compact: dict[int, int] = {}
    for node in nodes:
        if (key := initial.get(node)) is not None:
            compact.setdefault(key, len(compact))
    membership, alone = [], len(compact)
    for node in nodes:
        key = initial.get(node)
        if key is None:
            membership.append(alone)
            alone += 1
        else:
            membership.append(compact[key])
    return membership
