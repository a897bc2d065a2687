"""TF-IDF term vectors of papers as one `scipy.sparse` matrix, their k nearest neighbours, and cosines.

The numerics run in C (scipy.sparse, numpy); Python only maps terms to column numbers. Rows are
L2-normalised, so the dot product of two rows is their cosine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, count

import numpy as np
import scipy.sparse as sp

Similarity = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class TermVectors:
    """One row per document (`ids`), one column per kept term (`terms`); rows L2-normalised."""

    ids: list[str]
    terms: list[str]
    matrix: sp.csr_matrix

    def terms_of(self, row: int) -> list[str]:
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        return [self.terms[column] for column in self.matrix.indices[start:end].tolist()]

    def terms_by_row(self) -> list[list[str]]:
        """`terms_of` of every row, in row order (one gather for all rows)."""
        if self.matrix.shape[0] == 0:
            return []
        gathered = np.array(self.terms, dtype=object)[self.matrix.indices]
        return [part.tolist() for part in np.split(gathered, self.matrix.indptr[1:-1])]

    def cosine(self) -> Similarity:
        """`similarity(first id, second id)`: the cosine of two rows (0.0 for an unknown id)."""
        row_of = {paper: row for row, paper in enumerate(self.ids)}
        indptr, indices, data = self.matrix.indptr, self.matrix.indices, self.matrix.data

        def similarity(first: str, second: str) -> float:
            a, b = row_of.get(first), row_of.get(second)
            if a is None or b is None:
                return 0.0
            columns_a, columns_b = indices[indptr[a] : indptr[a + 1]], indices[indptr[b] : indptr[b + 1]]
            _, in_a, in_b = np.intersect1d(columns_a, columns_b, assume_unique=True, return_indices=True)
            return float(data[indptr[a] + in_a] @ data[indptr[b] + in_b])

        return similarity


def tfidf(
    ids: Sequence[str], documents: Sequence[Sequence[str]], *, min_df: int = 2, max_df_ratio: float = 0.2
) -> TermVectors:
    """Sublinear TF-IDF (`(1 + log tf) * log(N / df)`), L2-normalised; terms in fewer than `min_df` or more
    than `max_df_ratio` of the documents (at least `min_df`) are dropped. Columns in order of first appearance."""
    numbers: defaultdict[str, int] = defaultdict(count().__next__)
    flat = list(chain.from_iterable(documents))
    columns = np.fromiter(map(numbers.__getitem__, flat), dtype=np.int64, count=len(flat))
    rows = np.repeat(np.arange(len(documents), dtype=np.int64), [len(document) for document in documents])
    counts = sp.csr_matrix((np.ones(len(flat)), (rows, columns)), shape=(len(documents), len(numbers)))
    counts.sum_duplicates()
    frequencies = np.bincount(counts.indices, minlength=len(numbers))
    total = len(documents)
    max_df = max(min_df, int(max_df_ratio * total))
    kept = (frequencies >= min_df) & (frequencies <= max_df)
    idf = np.zeros(len(numbers))
    idf[kept] = np.log(total / frequencies[kept])
    weights = counts.copy()
    weights.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    weights.eliminate_zeros()
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    normalised = sp.csr_matrix(sp.diags(1.0 / norms) @ weights)
    return _keep_columns(ids, list(numbers), normalised, np.flatnonzero(kept))


def _keep_columns(ids: Sequence[str], terms: list[str], matrix: sp.csr_matrix, kept: np.ndarray) -> TermVectors:
    renumber = np.full(len(terms), -1, dtype=np.int64)
    renumber[kept] = np.arange(len(kept))
    compact = sp.csr_matrix((matrix.data, renumber[matrix.indices], matrix.indptr), shape=(matrix.shape[0], len(kept)))
    compact.has_sorted_indices = False
    compact.sort_indices()
    return TermVectors(list(ids), [terms[column] for column in kept], compact)


def nearest_neighbours(
    vectors: TermVectors, *, k: int = 10, query_terms: int = 30, max_postings: int = 400, block: int = 512
) -> list[tuple[int, int, float]]:
    """For each row in order, its `k` nearest rows `(row, neighbour, similarity)`, best first (ties: lower index).

    Approximate and bounded whatever the corpus size: a row is compared through its `query_terms` strongest
    terms (ties: term text), and for each term only its `max_postings` strongest rows (ties: lower index).
    The scores are sparse products of the two pruned matrices, `block` rows at a time.
    """
    queries = _strongest_per_row(vectors.matrix, query_terms, _term_ranks(vectors.terms))
    postings = _strongest_per_row(vectors.matrix.T.tocsr(), max_postings, np.arange(len(vectors.ids)))  # terms x rows
    found: list[tuple[int, int, float]] = []
    for start in range(0, len(vectors.ids), block):
        scores = queries[start : start + block] @ postings
        for offset in range(scores.shape[0]):
            found.extend(_row_top_k(start + offset, scores, offset, k))
    return found


def _term_ranks(terms: list[str]) -> np.ndarray:
    ranks = np.empty(len(terms), dtype=np.int64)
    ranks[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms))
    return ranks


def _strongest_per_row(matrix: sp.csr_matrix, limit: int, tie_rank: np.ndarray) -> sp.csr_matrix:
    """`matrix` with only the `limit` largest entries of each row (ties: lower `tie_rank` of the column).

    Only the rows holding more than `limit` entries are sorted."""
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    long_rows = lengths[rows] > limit
    keep = ~long_rows
    candidates = np.flatnonzero(long_rows)
    if candidates.size:
        order = candidates[
            np.lexsort((tie_rank[matrix.indices[candidates]], -matrix.data[candidates], rows[candidates]))
        ]
        first_of_row = np.searchsorted(rows[order], rows[order], side="left")
        keep[order[(np.arange(order.size) - first_of_row) < limit]] = True
    return sp.csr_matrix((matrix.data[keep], (rows[keep], matrix.indices[keep])), shape=matrix.shape)


def _row_top_k(row: int, scores: sp.csr_matrix, offset: int, k: int) -> list[tuple[int, int, float]]:
    """The `k` best `(row, column, score)` of one row of `scores`: highest score first, ties lower column first."""
    start, end = scores.indptr[offset], scores.indptr[offset + 1]
    values, columns = scores.data[start:end], scores.indices[start:end]
    kept = (values > 0.0) & (columns != row)  # a row is not its own neighbour
    values, columns = values[kept], columns[kept]
    if values.size > k:  # everything tied with the k-th best stays in, so the sort below decides ties
        threshold = np.partition(values, values.size - k)[values.size - k]
        best = values >= threshold
        values, columns = values[best], columns[best]
    order = np.lexsort((columns, -values))[:k]
    return [(row, int(column), float(value)) for column, value in zip(columns[order], values[order], strict=True)]
