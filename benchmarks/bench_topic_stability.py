"""Topic stability across runs: how much adding papers reshuffles the topics of the papers already there.

usage: python benchmarks/bench_topic_stability.py [--added 3 30] [--seed 42] [--repeats 3] [--large FILE]

No database: the sample corpus (`data/corpus`) is read and analysed the way `kg analyze` computes its
topics (TF-IDF vectors, k-NN similarity graph, communities at the default resolution). Then N papers
drawn at random from `--large` (default `../shared/corpus-large/ml_abstracts.jsonl.gz`, read at run
time, never copied)
are added and the topics are computed again, twice: from scratch (the baseline, what every run did
before topics were seeded) and seeded from the first run's topics (what `kg analyze` does now). For each
the adjusted Rand index (ARI) between the two partitions, restricted to the papers common to both, is
printed with the topic counts and the number of topics that kept their number; with `--repeats R`,
R independent draws of the added papers (seeds `--seed`, `--seed`+1, ...).

ARI 1.0 means the common papers are grouped exactly as before; 0 is what chance gives.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from math import comb
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.analytics.graphs import similarity_graph  # noqa: E402
from kg.analytics.pipeline import AnalysisParams  # noqa: E402
from kg.analytics.topics import detect_topics, paper_vectors  # noqa: E402
from kg.ingest import read_papers  # noqa: E402
from kg.ingest.jsonl import parse_record, to_paper  # noqa: E402
from kg.model import Occurrence, Paper  # noqa: E402

LARGE = Path("../shared/corpus-large/ml_abstracts.jsonl.gz")


def adjusted_rand_index(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """ARI of two labelings over the keys both have (Hubert and Arabie)."""
    common = sorted(a.keys() & b.keys())
    n = len(common)
    if n < 2:
        return 1.0
    pairs = Counter((a[key], b[key]) for key in common)
    rows = Counter(a[key] for key in common)
    cols = Counter(b[key] for key in common)
    index = sum(comb(count, 2) for count in pairs.values())
    sum_rows = sum(comb(count, 2) for count in rows.values())
    sum_cols = sum(comb(count, 2) for count in cols.values())
    expected = sum_rows * sum_cols / comb(n, 2)
    maximum = (sum_rows + sum_cols) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


def sample_papers(large: Path, count: int, seed: int, exclude: set[str]) -> list[Paper]:
    """`count` papers drawn uniformly from the large corpus (reservoir sampling, one pass)."""
    rng = random.Random(seed)
    chosen: list[str] = []
    with gzip.open(large, "rt", encoding="utf-8") as handle:
        for seen, line in enumerate(handle):
            if seen < count:
                chosen.append(line)
            elif (slot := rng.randrange(seen + 1)) < count:
                chosen[slot] = line
    papers = []
    for position, line in enumerate(chosen):
        paper = to_paper(parse_record(line), Occurrence(large.name, position + 1, position + 1))
        if paper.id not in exclude:
            papers.append(paper)
    return papers


def topics_of(papers: Sequence[Paper], params: AnalysisParams, previous: Mapping[str, int] | None) -> dict[str, int]:
    vectors = paper_vectors(papers, [])
    graph = similarity_graph(vectors, k=params.neighbours)
    model = detect_topics(
        papers, [], resolution=params.resolution, seed=params.seed, vectors=vectors, graph=graph, previous=previous
    )
    return model.assignment()


def corpus_papers() -> list[Paper]:
    seen: dict[str, Paper] = {}
    for item in read_papers([REPO / "data" / "corpus"]):
        if isinstance(item, Paper):
            seen.setdefault(item.id, item)
    return list(seen.values())


def kept_numbers(before: Mapping[str, int], after: Mapping[str, int]) -> int:
    """Topics whose number, after, holds the majority of the papers that number held before."""
    kept = 0
    for number in set(before.values()):
        members = [paper for paper, topic in before.items() if topic == number and paper in after]
        if members and Counter(after[paper] for paper in members).most_common(1)[0][0] == number:
            kept += 1
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--added", type=int, nargs="+", default=[3, 30])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large", type=Path, default=LARGE, help="JSON Lines (.gz) to draw added papers from")
    args = parser.parse_args()
    params = AnalysisParams()
    base = corpus_papers()
    before = topics_of(base, params, None)
    print(f"corpus: {len(base)} papers, {len(set(before.values()))} topics (resolution {params.resolution})")
    print("added  draw  ARI from scratch  ARI seeded  topics scratch/seeded  numbers kept scratch/seeded")
    for added in args.added:
        for draw in range(args.repeats):
            extra = sample_papers(args.large, added, args.seed + draw, {paper.id for paper in base})
            papers = base + extra
            scratch = topics_of(papers, params, None)
            seeded = topics_of(papers, params, before)
            print(
                f"{added:5d}  {draw:4d}  {adjusted_rand_index(before, scratch):16.3f}  "
                f"{adjusted_rand_index(before, seeded):10.3f}  "
                f"{len(set(scratch.values())):>14d}/{len(set(seeded.values())):<6d}  "
                f"{kept_numbers(before, scratch):>20d}/{kept_numbers(before, seeded)}"
            )
    again = topics_of(base, params, before)
    print(f"unchanged corpus, seeded from its own topics: ARI {adjusted_rand_index(before, again):.3f}")


if __name__ == "__main__":
    main()
