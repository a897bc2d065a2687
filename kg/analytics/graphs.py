"""The NetworkX graphs analytics works on, built from plain records.

- `paper_entity_graph`: bipartite papers–entities, edge weight = mentions.
- `cooccurrence_graph`: entities linked by the number of papers mentioning both.
- `similarity_graph`: papers linked to their k most similar papers (cosine of sparse vectors).
- `citation_graph`: directed citing -> cited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain, combinations
from operator import itemgetter

import networkx as nx
import numpy as np

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


def similarity_graph(
    ids: Sequence[str],
    vectors: Sequence[dict[str, float]],
    *,
    k: int = 10,
    query_terms: int = 30,
    max_postings: int = 400,
) -> nx.Graph:
    """Each paper linked to its `k` nearest papers by cosine similarity, `weight` = similarity.

    Candidates come from an inverted index: a paper's `query_terms` strongest terms, and for each term
    only its `max_postings` strongest papers, so the cost per paper is bounded whatever the corpus size.
    """
    postings = _postings(vectors, max_postings)
    accumulator = np.zeros(len(ids), dtype=np.float64)
    stamp = np.zeros(len(ids), dtype=np.int64)
    edges: dict[tuple[int, int], tuple[int, int, float]] = {}  # in order of first appearance
    for index, vector in enumerate(vectors):
        for neighbour, similarity in _nearest(index, vector, postings, accumulator, stamp, k, query_terms):
            key = (index, neighbour) if index < neighbour else (neighbour, index)
            seen = edges.get(key)
            edges[key] = (index, neighbour, similarity if seen is None else max(seen[2], similarity))
    graph = nx.Graph()
    graph.add_nodes_from(ids)  # then the edges in the order they were first found: the same graph, adjacency
    graph.add_edges_from((ids[a], ids[b], {"weight": weight}) for a, b, weight in edges.values())  # order too
    return graph


def _postings(vectors: Sequence[dict[str, float]], limit: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per term, its `limit` strongest papers (ties: lower index first) and their weights."""
    terms = [term for vector in vectors for term in vector]
    number = {term: position for position, term in enumerate(dict.fromkeys(terms))}  # by first appearance
    term_ids = np.fromiter(map(number.__getitem__, terms), dtype=np.int64, count=len(terms))
    weights = np.fromiter(chain.from_iterable(vector.values() for vector in vectors), np.float64, len(terms))
    indices = np.repeat(np.arange(len(vectors), dtype=np.int64), [len(vector) for vector in vectors])
    order = np.lexsort((indices, -weights, term_ids))  # per term: strongest first, then lower index
    starts = np.concatenate(([0], np.cumsum(np.bincount(term_ids, minlength=len(number)))))
    postings = {}
    for term, position in number.items():
        chosen = order[starts[position] : min(starts[position + 1], starts[position] + limit)]
        postings[term] = (indices[chosen], weights[chosen])
    return postings


def _nearest(
    index: int,
    vector: dict[str, float],
    postings: dict[str, tuple[np.ndarray, np.ndarray]],
    accumulator: np.ndarray,
    stamp: np.ndarray,
    k: int,
    query_terms: int,
) -> list[tuple[int, float]]:
    """The `k` papers of highest accumulated weight (ties: lower index first), `index` itself left out.

    Only the papers in the postings read are looked at (not the whole accumulator): each once, found
    by stamping its position in `docs`; their order does not matter, the final sort is total.
    """
    # by weight, strongest first, ties by term: sorted(..., key=lambda item: (-item[1], item[0])), in C
    strongest = sorted(sorted(vector.items()), key=itemgetter(1), reverse=True)[:query_terms]
    if not strongest:
        return []
    docs = np.concatenate([postings[term][0] for term, _ in strongest])
    weights = np.concatenate([postings[term][1] * value for term, value in strongest])
    np.add.at(accumulator, docs, weights)
    accumulator[index] = 0.0
    positions = np.arange(docs.size)
    stamp[docs] = positions
    distinct = docs[stamp[docs] == positions]  # every paper of docs once
    candidates = distinct[accumulator[distinct] != 0.0]
    scores = accumulator[candidates]
    accumulator[docs] = 0.0
    if candidates.size == 0:
        return []
    order = np.lexsort((candidates, -scores))[:k]
    return [(int(candidates[i]), float(scores[i])) for i in order if scores[i] > 0.0]
