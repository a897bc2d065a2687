"""The NetworkX graphs analytics works on, built from plain records.

- `paper_entity_graph`: bipartite papers–entities, edge weight = mentions.
- `cooccurrence_graph`: entities linked by the number of papers mentioning both.
- `similarity_graph`: papers linked to their k most similar papers (cosine of TF-IDF rows).
- `citation_graph`: directed citing -> cited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from kg.analytics.vectors import TermVectors, nearest_neighbours
from kg.model import Mention

PAPER, ENTITY = 0, 1


def paper_entity_graph(mentions: Iterable[Mention]) -> nx.Graph:
    """Bipartite graph: node attribute `bipartite` is 0 for papers, 1 for entities; `weight` = mentions."""
    graph = nx.Graph()
    for mention in mentions:
        graph.add_node(mention.paper_id, bipartite=PAPER)
        graph.add_node(mention.entity_key, bipartite=ENTITY, label=mention.label, name=mention.name)
        graph.add_edge(mention.paper_id, mention.entity_key, weight=mention.count)
    return graph


def cooccurrence_graph(mentions: Iterable[Mention], *, max_per_paper: int = 15) -> nx.Graph:
    """Entities linked with `weight` = number of papers mentioning both (each paper's top entities)."""
    per_paper: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        per_paper[mention.paper_id].append(mention)
    graph = nx.Graph()
    for paper_mentions in per_paper.values():
        top = sorted(paper_mentions, key=lambda m: (-m.count, m.entity_key))[:max_per_paper]
        keys = sorted({mention.entity_key for mention in top})
        graph.add_nodes_from(keys)
        for first, second in combinations(keys, 2):
            weight = graph.get_edge_data(first, second, {"weight": 0})["weight"]
            graph.add_edge(first, second, weight=weight + 1)
    return graph


def citation_graph(papers: Iterable[str], links: Iterable[tuple[str, str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(papers)
    graph.add_edges_from(links)
    return graph


def similarity_graph(vectors: TermVectors, *, k: int = 10, query_terms: int = 30, max_postings: int = 400) -> nx.Graph:
    """Each paper linked to its `k` nearest papers by cosine similarity, `weight` = similarity.

    Candidates come from pruned term postings (`kg.analytics.vectors.nearest_neighbours`), so the cost per
    paper is bounded whatever the corpus size. An edge found from both ends keeps the larger similarity.
    """
    edges: dict[tuple[int, int], tuple[int, int, float]] = {}  # in order of first appearance
    for index, neighbour, similarity in nearest_neighbours(
        vectors, k=k, query_terms=query_terms, max_postings=max_postings
    ):
        key = (index, neighbour) if index < neighbour else (neighbour, index)
        seen = edges.get(key)
        edges[key] = (index, neighbour, similarity if seen is None else max(seen[2], similarity))
    ids = vectors.ids
    graph = nx.Graph()
    graph.add_nodes_from(ids)  # then the edges in the order they were first found: the same graph, adjacency
    graph.add_edges_from((ids[a], ids[b], {"weight": weight}) for a, b, weight in edges.values())  # order too
    return graph
