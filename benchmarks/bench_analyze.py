"""Cost curve of `kg analyze` on real papers: slices of `../shared/corpus-large` at growing sizes.

usage: python benchmarks/bench_analyze.py [--sizes 10000,30000,93368] [--snapshot FILE]

Needs the graph named by the settings (KG_NEO4J_URI / KG_NEO4J_PASSWORD, or the local server of
`kg neo4j start`) to hold papers ingested with extraction from the large corpus, read at run time:
    kg ingest ../shared/corpus-large/ml_abstracts.jsonl.gz --workers 2
Nothing of the corpus is copied into the repository.

1. `load`: the corpus as `kg analyze` reads it (`load_corpus`: papers, names, mentions, claims),
   timed, then kept in a snapshot file (a temporary one unless `--snapshot` names it).
2. For each size N, a fresh process computes the analysis (`kg.analytics.pipeline.analyze`, the
   stages `kg analyze` runs between load and write-back) on the first N papers in date order, with
   their mentions, claims and names, and reports wall and CPU seconds per stage and its peak RSS.
   CPU seconds are the figure to compare on a shared machine; wall seconds include waiting for a core.
3. Per stage, the exponent b of seconds ~ N^b fitted by least squares over the sizes (CPU seconds),
   the aim being b <= 1.3, and the CPU seconds that curve gives at 10M papers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.analytics.pipeline import AnalysisParams, analyze
from kg.model import Corpus
from kg.settings import Settings
from kg.store.analytics import load_corpus
from kg.store.db import open_driver

AIM_EXPONENT, AIM_SECONDS, AIM_GB = 1.3, 600.0, 6.0
TEN_MILLION = 10_000_000


def snapshot(path: Path) -> tuple[int, float]:
    """Load the corpus from Neo4j into `path`; the number of papers and the load's seconds."""
    settings = Settings()
    driver = open_driver(settings)
    started = time.perf_counter()
    corpus = load_corpus(driver, settings.neo4j_database)
    seconds = time.perf_counter() - started
    driver.close()
    with path.open("wb") as handle:
        pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return len(corpus.papers), seconds


def first_papers(corpus: Corpus, size: int) -> Corpus:
    """The first `size` papers in date order (then id), with what belongs to them."""
    papers = sorted(corpus.papers, key=lambda p: (p.date or "9999", p.id))[:size]
    ids = {paper.id for paper in papers}
    return Corpus(
        papers,
        [m for m in corpus.mentions if m.paper_id in ids],
        [c for c in corpus.claims if c.paper_id in ids],
        [n for n in corpus.names if n.paper_id in ids],
    )


def measure(path: Path, size: int) -> dict[str, Any]:
    """In this process: the analysis of the first `size` papers, per stage wall and CPU seconds, peak RSS."""
    with path.open("rb") as handle:
        corpus = first_papers(pickle.load(handle), size)
    cpu: dict[str, float] = {}
    marks: list[tuple[str, float]] = []
    result = analyze(corpus, AnalysisParams(), on_stage=lambda name: marks.append((name, time.process_time())))
    marks.append(("", time.process_time()))
    for (name, start), (_, end) in itertools.pairwise(marks):
        cpu[name] = end - start
    return {
        "papers": len(corpus.papers),
        "wall": result.seconds,
        "cpu": cpu,
        "rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024,
        "summary": {k: v for k, v in result.summary().items() if k != "seconds"},
    }


def run_child(path: Path, size: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", str(path), "--size", str(size)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(papers)."""
    points = [(n, s) for n, s in points if s > 0]
    if len({n for n, _ in points}) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def report(runs: list[dict[str, Any]]) -> None:
    stages = list(runs[0]["cpu"])
    print(f"\n{'stage':<12}" + "".join(f"{r['papers']:>16,}" for r in runs) + "   exponent   CPU s at 10M")
    for stage in [*stages, "total"]:
        cpu = [sum(r["cpu"].values()) if stage == "total" else r["cpu"][stage] for r in runs]
        wall = [sum(r["wall"].values()) if stage == "total" else r["wall"][stage] for r in runs]
        b = exponent([(r["papers"], c) for r, c in zip(runs, cpu, strict=True)])
        cells = "".join(f"{c:>7.1f}/{w:>7.1f} s" for c, w in zip(cpu, wall, strict=True))
        at_10m = cpu[-1] * (TEN_MILLION / runs[-1]["papers"]) ** b if b is not None else float("nan")
        flag = "" if b is None or b <= AIM_EXPONENT else "  (above the 1.3 aim)"
        print(f"{stage:<12}{cells}   {b if b is not None else float('nan'):8.2f}   {at_10m:12,.0f}{flag}")
    print("(cells: CPU s / wall s)")
    print("peak RSS GB  " + "".join(f"{r['rss_gb']:>16.2f}" for r in runs) + f"   (aim <= {AIM_GB} GB at 93k)")
    for r in runs:
        print(f"{r['papers']:>7,} papers: {json.dumps(r['summary'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,30000,93368")
    parser.add_argument("--snapshot", type=Path, help="keep (or reuse, when it exists) the loaded corpus here")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.size)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.snapshot or Path(tmp) / "corpus.pickle"
        if path.exists():
            print(f"corpus snapshot {path} reused (load not timed)")
            with path.open("rb") as handle:
                total = len(pickle.load(handle).papers)
        else:
            total, seconds = snapshot(path)
            print(f"load        {total:>9,} papers in {seconds:7.1f} s ({total / seconds:,.0f} papers/s)")
        sizes = sorted({min(int(size), total) for size in args.sizes.split(",")})
        runs = []
        for size in sizes:
            runs.append(run_child(path, size))
            run = runs[-1]
            print(
                f"analyze     {run['papers']:>9,} papers: {sum(run['cpu'].values()):7.1f} CPU s, "
                f"{sum(run['wall'].values()):7.1f} wall s, {run['rss_gb']:.2f} GB",
                flush=True,
            )
        report(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
