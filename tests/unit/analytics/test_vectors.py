"""TF-IDF rows, nearest neighbours and cosines on scipy.sparse, against the definitions computed by hand."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from kg.analytics.graphs import similarity_graph
from kg.analytics.vectors import nearest_neighbours, tfidf

DOCUMENTS = [
    ["state", "space", "model", "recall", "recall"],
    ["state", "space", "model", "long", "context"],
    ["attention", "long", "context", "memory"],
    ["attention", "memory", "kernel", "kernel"],
    ["diffusion", "image", "kernel", "memory"],
    ["diffusion", "image", "video", "state"],
    ["unique"],
]
IDS = [f"p{i}" for i in range(len(DOCUMENTS))]


def by_definition(documents: list[list[str]], min_df: int = 2, max_df_ratio: float = 0.5) -> list[dict[str, float]]:
    df = Counter(term for document in documents for term in set(document))
    max_df = max(min_df, int(max_df_ratio * len(documents)))
    idf = {term: math.log(len(documents) / n) for term, n in df.items() if min_df <= n <= max_df}
    rows = []
    for document in documents:
        weights = {t: (1 + math.log(c)) * idf[t] for t, c in Counter(document).items() if t in idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        rows.append({t: w / norm for t, w in weights.items()})
    return rows


def test_tfidf_rows_are_the_definition() -> None:
    vectors = tfidf(IDS, DOCUMENTS, max_df_ratio=0.5)
    expected = by_definition(DOCUMENTS)
    for row, want in enumerate(expected):
        start, end = vectors.matrix.indptr[row], vectors.matrix.indptr[row + 1]
        got = dict(zip(vectors.terms_of(row), vectors.matrix.data[start:end].tolist(), strict=True))
        assert got == pytest.approx(want)
    assert "unique" not in vectors.terms  # in one document only
    assert vectors.terms_by_row() == [vectors.terms_of(row) for row in range(len(IDS))]


def test_cosine_is_the_dot_product_of_the_rows() -> None:
    vectors = tfidf(IDS, DOCUMENTS, max_df_ratio=0.5)
    expected = by_definition(DOCUMENTS)
    cosine = vectors.cosine()
    for a in range(len(IDS)):
        for b in range(len(IDS)):
            want = sum(w * expected[b].get(t, 0.0) for t, w in expected[a].items())
            assert cosine(IDS[a], IDS[b]) == pytest.approx(want)
    assert cosine("p0", "no such paper") == 0.0


def test_nearest_neighbours_are_the_exact_ones_when_nothing_is_pruned() -> None:
    vectors = tfidf(IDS, DOCUMENTS, max_df_ratio=0.5)
    expected = by_definition(DOCUMENTS)
    found = nearest_neighbours(vectors, k=2, block=3)
    for row in range(len(IDS)):
        scores = {
            other: sum(w * expected[other].get(t, 0.0) for t, w in expected[row].items())
            for other in range(len(IDS))
            if other != row
        }
        best = sorted((other for other in scores if scores[other] > 0), key=lambda o: (-scores[o], o))[:2]
        assert [neighbour for first, neighbour, _ in found if first == row] == best


def test_postings_are_pruned_to_the_strongest_rows() -> None:
    vectors = tfidf(IDS, DOCUMENTS, max_df_ratio=0.5)
    pruned = nearest_neighbours(vectors, k=5, max_postings=1)
    assert len(pruned) < len(nearest_neighbours(vectors, k=5))


def test_the_similarity_graph_keeps_each_edge_once_with_its_larger_weight() -> None:
    graph = similarity_graph(tfidf(IDS, DOCUMENTS, max_df_ratio=0.5), k=2)
    assert list(graph.nodes) == IDS and graph.degree("p6") == 0
    assert graph.has_edge("p0", "p1") and 0.0 < graph["p0"]["p1"]["weight"] <= 1.0
