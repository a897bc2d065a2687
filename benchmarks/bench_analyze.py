"""Benchmark of `kg analyze` compute on the corpus replicated N times (issue #4, point 10).

usage: KG_NEO4J_URI=... KG_NEO4J_PASSWORD=... python benchmarks/bench_analyze.py [--copies 100] [--baseline-copies 10]

Loads the corpus graph once from Neo4j (papers, mentions, claims as `kg analyze` does; run `kg ingest
data/corpus` first), replicates it in memory under fresh ids, and runs the analysis pipeline on it,
printing seconds per stage and the peak resident memory. Then, on the similarity graph of
`--baseline-copies` copies, it times NetworkX (Louvain, PageRank) against the fast backend (igraph
Leiden, PRPACK PageRank) on the same graph and prints the ratio. Writing back is not part of it: it
needs the replicated papers in Neo4j (the write-back of the 614-paper corpus takes about a second).
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace

import networkx as nx

from kg.analytics.backends import communities, pagerank
from kg.analytics.graphs import similarity_graph
from kg.analytics.pipeline import AnalysisParams, analyze
from kg.analytics.records import Corpus
from kg.analytics.topics import paper_vectors
from kg.settings import Settings
from kg.store.analytics import load_corpus
from kg.store.db import open_driver


def replicate(corpus: Corpus, copies: int) -> Corpus:
    """`copies` copies of every paper, mention and claim, each copy under its own ids and title."""
    out = Corpus()
    for copy in range(copies):
        suffix = f"-{copy}"
        out.papers.extend(
            replace(p, id=p.id + suffix, title=f"{p.title} ({copy})", references=list(p.references), occurrences=[])
            for p in corpus.papers
        )
        out.mentions.extend(replace(m, paper_id=m.paper_id + suffix) for m in corpus.mentions)
        out.claims.extend(replace(c, id=c.id + suffix, paper_id=c.paper_id + suffix) for c in corpus.claims)
    return out


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def backend_ratio(corpus: Corpus, copies: int) -> None:
    sample = replicate(corpus, copies)
    ids = [p.id for p in sample.papers]
    graph = similarity_graph(ids, paper_vectors(sample.papers, sample.mentions), k=15)
    print(
        f"\nbackends on the same graph ({copies} copies): {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges"
    )
    directed = nx.DiGraph(graph)
    for name, slow_call, fast_call in (
        (
            "communities",
            lambda: communities(graph, resolution=2.0, seed=42, threshold=10**12),
            lambda: communities(graph, resolution=2.0, seed=42, threshold=0),
        ),
        ("pagerank", lambda: pagerank(directed, threshold=10**12), lambda: pagerank(directed, threshold=0)),
    ):
        _, slow = timed(slow_call)
        _, fast = timed(fast_call)
        print(f"  {name:12s} networkx {slow:7.2f} s   igraph {fast:7.2f} s   ratio {slow / fast:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--baseline-copies", type=int, default=10)
    args = parser.parse_args()
    settings = Settings()
    driver = open_driver(settings)
    try:
        corpus, seconds = timed(load_corpus, driver, settings.neo4j_database, batch_size=settings.batch_size)
    finally:
        driver.close()
    print(
        f"loaded {len(corpus.papers)} papers, {len(corpus.mentions)} mentions, {len(corpus.claims)} claims "
        f"from Neo4j in {seconds:.1f} s"
    )
    big, seconds = timed(replicate, corpus, args.copies)
    print(
        f"replicated x{args.copies}: {len(big.papers)} papers, {len(big.mentions)} mentions, "
        f"{len(big.claims)} claims ({seconds:.1f} s)"
    )
    cpu_marks: list[tuple[str, float]] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    result = analyze(big, AnalysisParams(), on_stage=lambda stage: cpu_marks.append((stage, time.process_time())))
    total, cpu_total = time.perf_counter() - started, time.process_time() - cpu_started
    cpu_marks.append(("end", time.process_time()))
    cpu = {stage: cpu_marks[i + 1][1] - mark for i, (stage, mark) in enumerate(cpu_marks[:-1])}
    print("  stage        wall s    CPU s   (CPU time is what the machine's load does not inflate)")
    for stage, stage_seconds in result.seconds.items():
        print(f"  {stage:12s} {stage_seconds:7.1f}  {cpu.get(stage, 0.0):7.1f}")
    print(f"  {'total':12s} {total:7.1f}  {cpu_total:7.1f}   (aim: <= 120 s)")
    print(f"  peak RSS     {peak_rss_gb():8.2f} GB  (aim: <= 4 GB)")
    print(f"  summary      {result.summary()}")
    backend_ratio(corpus, args.baseline_copies)


if __name__ == "__main__":
    main()
