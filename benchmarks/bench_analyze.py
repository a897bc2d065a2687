"""Benchmark of `kg analyze` on the corpus replicated N times (issue #4, point 10).

usage: KG_NEO4J_URI=... KG_NEO4J_PASSWORD=... python benchmarks/bench_analyze.py [--copies 100] [--baseline-copies 10]
       ... python benchmarks/bench_analyze.py --end-to-end [--wipe] [--copies 100] [--baseline-copies 10]

Both modes start from the corpus graph (papers, mentions, claims as `kg analyze` reads them; run
`kg ingest data/corpus` first) or from the snapshot of it a previous run saved (`--source-file`).

Default (compute only): replicates the corpus in memory under fresh ids and runs the pure pipeline,
printing seconds per stage and the peak resident memory; then, on the similarity graph of
`--baseline-copies` copies, times NetworkX (Louvain, PageRank) against the fast backend (igraph
Leiden, PRPACK PageRank) on the same graph. Loading from and writing to Neo4j are not part of it.

`--end-to-end`: the real thing. The replicated papers, mentions (entities) and claims are written
into the Neo4j named by the settings with the ingest's own write functions (`write_papers`,
`write_extractions`); the graph must be empty, or `--wipe` empties it first (everything in it is
deleted, the source corpus too: it is kept in a snapshot file for the next run). Then a fresh Python
process runs `run_analysis` as `kg analyze` does (load -> compute -> write-back -> flip -> clean-up)
and reports wall and CPU seconds per stage, the Neo4j server's CPU seconds per stage when the server
is the local one (`kg neo4j start`), and the peak RSS of that process. This is done first at
`--baseline-copies` and then at `--copies`, in the same invocation, and the ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver

from kg.analytics.backends import communities, pagerank
from kg.analytics.graphs import similarity_graph
from kg.analytics.pipeline import AnalysisParams, analyze
from kg.analytics.records import ClaimRecord, Corpus, Mention
from kg.analytics.topics import paper_vectors
from kg.model import Claim, EntityMention, Extraction, Label, Paper
from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.analytics import load_corpus
from kg.store.cypher.papers import COUNT_NODES
from kg.store.db import open_driver, run_read
from kg.store.extraction import write_extractions
from kg.store.papers import wipe_graph, write_papers
from kg.store.schema import apply_schema

AIM_SECONDS, AIM_GB = 120.0, 4.0
VERSION = "bench-replica"


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


def load_source(settings: Settings, source_file: Path | None) -> Corpus:
    """The corpus graph, from Neo4j or from the snapshot a previous run saved."""
    if source_file is not None:
        with source_file.open("rb") as handle:
            corpus: Corpus = pickle.load(handle)
        print(f"source: {len(corpus.papers)} papers from {source_file}")
        return corpus
    driver = open_driver(settings)
    try:
        corpus, seconds = timed(load_corpus, driver, settings.neo4j_database, batch_size=settings.batch_size)
    finally:
        driver.close()
    print(
        f"loaded {len(corpus.papers)} papers, {len(corpus.mentions)} mentions, {len(corpus.claims)} claims "
        f"from Neo4j in {seconds:.1f} s"
    )
    return corpus


# ---- compute only (in memory)


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


def compute_only(corpus: Corpus, args: argparse.Namespace) -> None:
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
    print(f"  {'total':12s} {total:7.1f}  {cpu_total:7.1f}   (aim: <= {AIM_SECONDS:.0f} s, compute only)")
    print(f"  peak RSS     {peak_rss_gb():8.2f} GB  (aim: <= {AIM_GB:.0f} GB)")
    print(f"  summary      {result.summary()}")
    backend_ratio(corpus, args.baseline_copies)


# ---- end to end (through Neo4j)


def claim_index(claim: ClaimRecord) -> int:
    """The position in its paper that a claim id (`<paper id>:<n>`, as `write_extractions` makes it) encodes."""
    _, _, number = claim.id.rpartition(":")
    return int(number) if number.isdigit() else 0


def extraction_of(paper_id: str, mentions: list[Mention], claims: list[ClaimRecord]) -> Extraction:
    """An `Extraction` that `write_extractions` turns back into these mentions and claims (same counts, names)."""
    entities = [
        EntityMention(
            text=m.name,
            label=Label(m.label),
            start=0,
            end=0,
            canonical=m.entity_key.split(":", 1)[1],
            long_form=m.long_form,
        )
        for m in mentions
        for _ in range(m.count)
    ]
    ordered = sorted(claims, key=claim_index)
    return Extraction(
        paper_id=paper_id,
        entities=entities,
        claims=[
            Claim(
                text=f"claim {c.id}",  # analytics never reads the sentence
                start=0,
                end=0,
                factor=c.factor,
                comparator=c.comparator,
                direction=c.direction,  # type: ignore[arg-type]  # the plain string the graph holds
                outcome=c.outcome,
                outcome_class=c.outcome_class,
                polarity=c.polarity,  # type: ignore[arg-type]
                negated=c.negated,
                hedged=c.hedged,
                role=c.role,  # type: ignore[arg-type]
                condition_kinds=list(c.condition_kinds),
                condition_values=list(c.condition_values),
            )
            for c in ordered
        ],
        extractor_version=VERSION,
    )


def replica_chunks(corpus: Corpus, copies: int, size: int) -> Iterator[tuple[list[Paper], list[Extraction]]]:
    """The replicas as the ingest writes them, one chunk of papers with their extractions at a time."""
    mentions: dict[str, list[Mention]] = {}
    claims: dict[str, list[ClaimRecord]] = {}
    for m in corpus.mentions:
        mentions.setdefault(m.paper_id, []).append(m)
    for c in corpus.claims:
        claims.setdefault(c.paper_id, []).append(c)
    papers: list[Paper] = []
    extractions: list[Extraction] = []
    for copy in range(copies):
        for p in corpus.papers:
            pid = f"{p.id}-{copy}"
            papers.append(
                replace(p, id=pid, title=f"{p.title} ({copy})", references=list(p.references), occurrences=[])
            )
            extractions.append(extraction_of(pid, mentions.get(p.id, []), claims.get(p.id, [])))
            if len(papers) == size:
                yield papers, extractions
                papers, extractions = [], []
    if papers:
        yield papers, extractions


def write_replicas(driver: Driver, settings: Settings, corpus: Corpus, copies: int) -> float:
    """Wipe the graph and write `copies` replicas of the corpus into it; returns the seconds taken."""
    database = settings.neo4j_database
    started = time.perf_counter()
    wipe_graph(driver, database)
    apply_schema(driver, database)
    for papers, extractions in replica_chunks(corpus, copies, settings.batch_size):
        write_papers(driver, database, papers)
        write_extractions(driver, database, extractions)
    return time.perf_counter() - started


class StageClock:
    """A `Reporter` for `run_analysis` that notes wall, CPU (this process) and server CPU at each stage."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.marks: list[tuple[str, float, float, float]] = []

    def server_cpu(self) -> float:
        if self.server_pid is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def stage(self, name: str, total: int | None = None) -> None:
        self.marks.append((name, time.perf_counter(), time.process_time(), self.server_cpu()))

    def advance(self, amount: int) -> None:
        pass

    def stages(self) -> list[dict[str, Any]]:
        self.stage("end")
        return [
            {"stage": name, "wall": nxt[1] - wall, "cpu": nxt[2] - cpu, "server_cpu": nxt[3] - server}
            for (name, wall, cpu, server), nxt in zip(self.marks, self.marks[1:], strict=False)
        ]


def server_pid(settings: Settings) -> int | None:
    return LocalNeo4j(settings).pid() if settings.manages_local_neo4j else None


def measure() -> None:
    """One `run_analysis` on the graph as it is, in this (fresh) process; prints one JSON line."""
    from kg.analytics.runs import run_analysis

    settings = Settings()
    params = AnalysisParams(resolution=settings.topic_resolution, seed=settings.seed)
    clock = StageClock(server_pid(settings))
    driver = open_driver(settings)
    try:
        outcome = run_analysis(driver, settings.neo4j_database, params, batch_size=settings.batch_size, reporter=clock)
    finally:
        driver.close()
    print(json.dumps({"stages": clock.stages(), "peak_rss_gb": peak_rss_gb(), "summary": outcome.summary}))


def measured_run() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--measure"], capture_output=True, text=True, check=False, env=os.environ.copy()
    )
    if done.returncode != 0:
        raise SystemExit(f"the measured run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


GROUPS = ("load", "similarity", "topics", "citations", "claims", "entities", "write", "flip", "clean-up")


def grouped(run: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Seconds per stage, the `write <what>` stages summed into `write`."""
    out = {group: {"wall": 0.0, "cpu": 0.0, "server_cpu": 0.0} for group in GROUPS}
    for row in run["stages"]:
        group = "write" if row["stage"].startswith("write ") else row["stage"]
        for key in ("wall", "cpu", "server_cpu"):
            out.setdefault(group, {"wall": 0.0, "cpu": 0.0, "server_cpu": 0.0})[key] += row[key]
    return out


def report(name: str, run: dict[str, Any], baseline: dict[str, Any] | None, factor: int) -> None:
    stages = grouped(run)
    base = grouped(baseline) if baseline else None
    header = f"  {'stage':12s} {'wall s':>8s} {'CPU s':>8s} {'server CPU s':>13s}"
    if base:
        header += f"   {'wall ratio':>10s} {'CPU ratio':>10s}  (linear: {factor}x)"
    print(f"\n{name}\n{header}")
    totals = {"wall": 0.0, "cpu": 0.0, "server_cpu": 0.0}
    for stage, row in stages.items():
        for key in totals:
            totals[key] += row[key]
        line = f"  {stage:12s} {row['wall']:8.1f} {row['cpu']:8.1f} {row['server_cpu']:13.1f}"
        if base:
            line += f"   {ratio(row['wall'], base[stage]['wall']):>10s} {ratio(row['cpu'], base[stage]['cpu']):>10s}"
        print(line)
    line = f"  {'total':12s} {totals['wall']:8.1f} {totals['cpu']:8.1f} {totals['server_cpu']:13.1f}"
    if base:
        base_wall = sum(row["wall"] for row in base.values())
        base_cpu = sum(row["cpu"] for row in base.values())
        line += f"   {ratio(totals['wall'], base_wall):>10s} {ratio(totals['cpu'], base_cpu):>10s}"
    print(line)
    verdict = "met" if totals["wall"] <= AIM_SECONDS and run["peak_rss_gb"] <= AIM_GB else "NOT met"
    print(f"  peak RSS     {run['peak_rss_gb']:8.2f} GB   aim <= {AIM_SECONDS:.0f} s and <= {AIM_GB:.0f} GB: {verdict}")
    print(f"  summary      {run['summary']}")


def ratio(value: float, base: float) -> str:
    return f"{value / base:.1f}x" if base > 0.005 else "-"


def end_to_end(corpus: Corpus, settings: Settings, args: argparse.Namespace) -> int:
    driver = open_driver(settings)
    try:
        if run_read(driver, COUNT_NODES, settings.neo4j_database)[0]["count"] and not args.wipe:
            print(f"the graph at {settings.bolt_uri} is not empty; pass --wipe to empty it", file=sys.stderr)
            return 2
        baseline: dict[str, Any] | None = None
        for copies in (args.baseline_copies, args.copies):
            seconds = write_replicas(driver, settings, corpus, copies)
            print(
                f"\nwrote x{copies}: {len(corpus.papers) * copies:,} papers into Neo4j in {seconds:.1f} s", flush=True
            )
            run = measured_run()
            report(f"kg analyze end to end, x{copies}", run, baseline, args.copies // max(args.baseline_copies, 1))
            baseline = baseline or run
    finally:
        driver.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--baseline-copies", type=int, default=10)
    parser.add_argument("--end-to-end", action="store_true", help="write the replicas into Neo4j, time run_analysis")
    parser.add_argument("--wipe", action="store_true", help="with --end-to-end: empty the graph first")
    parser.add_argument("--source-file", type=Path, help="the corpus snapshot a previous run saved")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.measure:
        measure()
        return 0
    settings = Settings()
    corpus = load_source(settings, args.source_file)
    if not args.end_to_end:
        compute_only(corpus, args)
        return 0
    if args.source_file is None:
        snapshot = settings.data_dir / "bench-analyze-source.pickle"
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        with snapshot.open("wb") as handle:
            pickle.dump(corpus, handle)
        print(f"source saved to {snapshot} (pass --source-file {snapshot} next time: the graph is replaced)")
    return end_to_end(corpus, settings, args)


if __name__ == "__main__":
    sys.exit(main())
