"""Ingest throughput and memory on real papers (a slice of `../shared/corpus-large`, read at run time),
against a bare UNWIND write of the same rows measured in the same run.

usage: python benchmarks/bench_ingest.py [--corpus ../shared/corpus-large/ml_abstracts.jsonl.gz]
                                         [--papers 5000] [--extract-papers 1000] [--workers 2] [--wipe]

Needs a Neo4j that may be emptied (the settings' KG_NEO4J_URI / KG_NEO4J_PASSWORD, or the local
server): the graph must be empty, or `--wipe` empties it first (everything in it is deleted).
The first `--papers` records are written to a temporary `.jsonl.gz` (outside the repository).

Every stage runs in a fresh process, so its peak RSS (with its worker processes) is its own:
  parse        read_papers over the .jsonl.gz, nothing written
  bare write   UNWIND $rows CREATE of the same rows, same batch size, no keys        (baseline)
  ingest       the ingest pipeline without extraction into the empty graph; ratio to bare write
  ingest+ex 1  the pipeline with extraction in this process (first --extract-papers papers)
  ingest+ex W  the same with extraction over --workers processes; ratio to 1 process
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.ingest import read_papers
from kg.ingest.pipeline import ingest
from kg.model import Paper
from kg.settings import Settings
from kg.store.cypher.papers import BASELINE_CREATE_PAPERS, COUNT_NODES, DELETE_BASELINE_PAPERS
from kg.store.db import open_driver, run_read, run_write
from kg.store.papers import paper_rows, wipe_graph

DEFAULT_CORPUS = Path("../shared/corpus-large/ml_abstracts.jsonl.gz")


def write_slice(corpus: Path, out: Path, papers: int) -> None:
    with gzip.open(corpus, "rb") as source, gzip.open(out, "wb") as target:
        target.writelines(itertools.islice(source, papers))


def chunks(papers: Iterator[Paper], size: int) -> Iterator[list[Paper]]:
    while chunk := list(itertools.islice(papers, size)):
        yield chunk


def stage(name: str, path: Path, workers: int) -> int:
    """One stage in this process; returns the papers it handled."""
    settings = Settings().model_copy(update={"data_dir": path.parent / "scratch"})
    if name == "parse":
        return sum(1 for item in read_papers([path]) if isinstance(item, Paper))
    driver = open_driver(settings)
    db = settings.neo4j_database
    try:
        if name == "bare":
            papers = (item for item in read_papers([path]) if isinstance(item, Paper))
            count = 0
            for chunk in chunks(papers, settings.batch_size):
                run_write(driver, BASELINE_CREATE_PAPERS, db, rows=paper_rows(chunk))
                count += len(chunk)
            with driver.session(database=db) as session:  # CALL IN TRANSACTIONS needs an auto-commit query
                session.run(DELETE_BASELINE_PAPERS).consume()
            return count
        wipe_graph(driver, db)
        if name == "ingest":
            return ingest(driver, settings, [path]).papers
        return ingest_extracting(driver, settings, path, workers)
    finally:
        driver.close()


def ingest_extracting(driver: Any, settings: Settings, path: Path, workers: int) -> int:
    if workers == 1:
        from extractors.pipeline import load_extractor

        extractor = load_extractor()
        return ingest(driver, settings, [path], extractor.extract_many, extractor_version=extractor.version).papers
    from extractors.parallel import ParallelExtractor

    with ParallelExtractor(workers) as pool:
        return ingest(driver, settings, [path], pool.extract_many, extractor_version=pool.version).papers


def measured(name: str, path: Path, workers: int = 1) -> dict[str, Any]:
    command = [sys.executable, __file__, "--stage", name, "--input", str(path), "--workers", str(workers)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def line(name: str, run: dict[str, Any], baseline: tuple[str, float] | None = None) -> float:
    rate = run["papers"] / run["seconds"]
    ratio = f"   {rate / baseline[1]:.2f}x {baseline[0]}" if baseline else ""
    print(
        f"{name:<12} {run['papers']:>7,} papers {run['seconds']:8.1f} s {rate:8,.1f} papers/s "
        f"{run['rss_mb']:7,.0f} MB peak RSS{ratio}",
        flush=True,
    )
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--extract-papers", type=int, default=1000, help="papers run through the extractor (0: skip)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wipe", action="store_true", help="empty the graph first (deletes everything in it)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        started = time.perf_counter()
        papers = stage(args.stage, args.input, args.workers)
        seconds = time.perf_counter() - started
        rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        print(json.dumps({"papers": papers, "seconds": seconds, "rss_mb": rss / 1024}))
        return 0
    if not args.corpus.exists():
        print(f"{args.corpus}: not found (pass --corpus)", file=sys.stderr)
        return 2
    settings = Settings()
    driver = open_driver(settings)
    nonempty = run_read(driver, COUNT_NODES, settings.neo4j_database)[0]["count"]
    driver.close()
    if nonempty and not args.wipe:
        print(f"the graph at {settings.bolt_uri} is not empty; pass --wipe to empty it", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        sliced, extracting = Path(tmp) / "papers.jsonl.gz", Path(tmp) / "extract.jsonl.gz"
        write_slice(args.corpus, sliced, args.papers)
        (Path(tmp) / "scratch").mkdir()
        print(f"first {args.papers:,} papers of {args.corpus.name}, batch size {settings.batch_size}", flush=True)
        line("parse", measured("parse", sliced))
        bare = line("bare write", measured("bare", sliced))
        line("ingest", measured("ingest", sliced), ("bare write", bare))
        if args.extract_papers:
            write_slice(args.corpus, extracting, args.extract_papers)
            one = line("ingest+ex 1", measured("extract", extracting, 1), ("bare write", bare))
            line(f"ingest+ex {args.workers}", measured("extract", extracting, args.workers), ("1 process", one))
    return 0


if __name__ == "__main__":
    sys.exit(main())
