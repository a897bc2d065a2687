"""Ingest throughput on the corpus replicated x100 (~61,400 distinct papers), against baselines run alongside.

Needs a Neo4j that may be emptied: KG_NEO4J_URI and KG_NEO4J_PASSWORD (for example the test
server: KG_NEO4J_URI=bolt://127.0.0.1:7701 KG_NEO4J_PASSWORD=$(cat .kg/test-ingest/password)).
The graph must be empty, or pass --wipe to have it emptied first (everything in it is deleted).

    .venv/bin/python benchmarks/bench_ingest.py [--replicas 100] [--extract-replicas 5] [--wipe]

Figures printed (papers per second; each with its baseline and the ratio):
  parse       read_papers over the generated JSON Lines, nothing written          (baseline for parsing)
  bare write  UNWIND $rows CREATE of the same rows, same batch size, no keys       (baseline for writing)
  ingest      kg ingest --no-extract into the empty graph; ratio to bare write
  re-ingest   the same input again (every paper unchanged); ratio to first ingest
  extract     the extractor alone over a subset                                   (baseline for extraction)
  ingest+ex   ingest with extraction of that subset into an empty graph; ratio to extract alone
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from neo4j import Driver

from kg.ingest import first_occurrences, read_papers
from kg.ingest.pipeline import ingest
from kg.model import Paper
from kg.settings import Settings
from kg.store.cypher.papers import BASELINE_CREATE_PAPERS, COUNT_NODES, DELETE_BASELINE_PAPERS
from kg.store.db import open_driver, run_read, run_write
from kg.store.papers import paper_rows, wipe_graph

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "corpus"


def write_replicas(out_dir: Path, replicas: int) -> int:
    """One JSON Lines file per replica; titles suffixed with the replica number, so every id is distinct."""
    papers = list(first_occurrences(read_papers([CORPUS])))
    for replica in range(replicas):
        with (out_dir / f"replica_{replica:03d}.jsonl").open("w", encoding="utf-8") as handle:
            for paper in papers:
                record = {"title": f"{paper.title} (replica {replica})", "abstract": paper.abstract, "date": paper.date}
                handle.write(json.dumps({k: v for k, v in record.items() if v}) + "\n")
    return len(papers) * replicas


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def chunks(papers: Iterator[Paper], size: int) -> Iterator[list[Paper]]:
    chunk: list[Paper] = []
    for paper in papers:
        chunk.append(paper)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def bare_write(driver: Driver, settings: Settings, paths: list[Path]) -> None:
    papers = (item for item in read_papers(paths) if isinstance(item, Paper))
    for chunk in chunks(papers, settings.batch_size):
        run_write(driver, BASELINE_CREATE_PAPERS, settings.neo4j_database, rows=paper_rows(chunk))


def line(name: str, papers: int, seconds: float, baseline: tuple[str, float] | None = None) -> float:
    rate = papers / seconds
    ratio = f"   {rate / baseline[1]:.2f}x {baseline[0]}" if baseline else ""
    print(f"{name:<12} {papers:>7,} papers {seconds:8.1f} s {rate:10,.0f} papers/s{ratio}", flush=True)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=100)
    parser.add_argument("--extract-replicas", type=int, default=5, help="replicas run through the extractor (0: skip)")
    parser.add_argument("--wipe", action="store_true", help="empty the graph first (deletes everything in it)")
    args = parser.parse_args()
    settings = Settings()
    driver = open_driver(settings)
    db = settings.neo4j_database
    if run_read(driver, COUNT_NODES, db)[0]["count"] and not args.wipe:
        print(f"the graph at {settings.bolt_uri} is not empty; pass --wipe to empty it", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        inputs, scratch = Path(tmp) / "in", Path(tmp) / "scratch"
        inputs.mkdir()
        total = write_replicas(inputs, args.replicas)
        paths = sorted(inputs.glob("*.jsonl"))
        print(f"{total:,} distinct papers in {len(paths)} files, batch size {settings.batch_size}", flush=True)
        run_settings = settings.model_copy(update={"data_dir": scratch})
        wipe_graph(driver, db)
        parse = line("parse", total, timed(lambda: sum(1 for _ in read_papers(paths))))
        bare = line("bare write", total, timed(lambda: bare_write(driver, run_settings, paths)))
        with driver.session(database=db) as session:
            session.run(DELETE_BASELINE_PAPERS).consume()
        first = line("ingest", total, timed(lambda: ingest(driver, run_settings, paths)), ("bare write", bare))
        line("re-ingest", total, timed(lambda: ingest(driver, run_settings, paths)), ("first ingest", first))
        print(f"(parse alone is {parse / first:.1f}x faster than ingest)")
        if args.extract_replicas:
            bench_extraction(driver, run_settings, paths[: args.extract_replicas])
    driver.close()
    return 0


def bench_extraction(driver: Driver, settings: Settings, paths: list[Path]) -> None:
    try:
        from extractors.pipeline import load_extractor
    except ImportError:
        print("extract      skipped: extractors.pipeline is not importable")
        return
    extractor = load_extractor()
    papers = [item for item in read_papers(paths) if isinstance(item, Paper)]
    alone = line("extract", len(papers), timed(lambda: sum(1 for _ in extractor.extract_many(papers))))
    wipe_graph(driver, settings.neo4j_database)
    seconds = timed(
        lambda: ingest(driver, settings, paths, extractor.extract_many, extractor_version=extractor.version)
    )
    line("ingest+ex", len(papers), seconds, ("extract alone", alone))


if __name__ == "__main__":
    sys.exit(main())
