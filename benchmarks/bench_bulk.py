"""A first load of extracted papers: `kg bulk-import` (CSV + `neo4j-admin database import full`) against the
online write path (`kg ingest` without extraction) of the same extracted records, measured in the same run.

usage: python benchmarks/bench_bulk.py EXTRACTED.jsonl [--papers 30000] [--skip-online | --skip-bulk] --wipe

EXTRACTED.jsonl is what `kg extract` wrote (for example for `../shared/corpus-large/ml_abstracts.jsonl.gz`);
the first `--papers` records are copied to a temporary file outside the repository. Needs the LOCAL
server (`kg neo4j start`; KG_NEO4J_URI unset) and `--wipe`: both stages replace what the database holds.
Extraction is excluded from both figures: the online stage hands the ingest pipeline the stored
extractions (its `extract` callable is a lookup), so it measures the writes and the entity refresh only.

Each stage runs in a fresh process (its own peak RSS). Wall seconds on a shared machine mostly measure
waiting for a core, so CPU seconds are given too: the stage's process with its children (the
importer) plus the local Neo4j server's (from /proc; for bulk, the restarted server's whole life:
start, schema, lists). Ratios: wall / CPU throughput against online. The online stage reports its progress
on stderr every 5,000 papers.
  online   `ingest` of the records into the emptied graph, chunks of KG_BATCH_SIZE        (baseline)
  bulk     `bulk_import`: CSV, offline import, restart, schema, deferred lists; ratio to online
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.ingest.bulk import bulk_import
from kg.ingest.extracted import read_extracted
from kg.ingest.pipeline import ingest
from kg.model import Paper
from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.papers import wipe_graph


def server_cpu(settings: Settings) -> float:
    """CPU seconds the running local Neo4j has used since it started (user + system, from /proc)."""
    pid = LocalNeo4j(settings).pid()
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds of this process and its finished children (the importer)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def online(path: Path, settings: Settings) -> dict[str, Any]:
    records = list(read_extracted([path]))
    extractions = {paper.id: extraction for paper, extraction in records}
    papers: list[Paper] = [paper for paper, _ in records]
    version = records[0][1].extractor_version

    def stored(chunk: Any) -> Any:
        return iter([extractions[paper.id] for paper in chunk])

    LocalNeo4j(settings).start()
    with open_driver(settings) as driver:
        wipe_graph(driver, settings.neo4j_database)
        started, cpu, neo4j = time.perf_counter(), own_cpu(), server_cpu(settings)
        done = [0]

        def progress(count: int) -> None:
            done[0] += count
            if done[0] // 5000 > (done[0] - count) // 5000:
                print(f"online: {done[0]:,} papers, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

        summary = ingest(driver, settings, papers, stored, progress, extractor_version=version, write_rejects=False)
        return {"papers": summary.papers, "seconds": time.perf_counter() - started,
                "cpu": own_cpu() - cpu, "neo4j_cpu": server_cpu(settings) - neo4j}  # fmt: skip


def bulk(path: Path, settings: Settings) -> dict[str, Any]:
    cpu = own_cpu()
    summary = bulk_import(settings, [path], work_dir=path.parent / "csv", require_empty=False)
    return {"papers": summary.papers, "seconds": summary.load_seconds, "phases": summary.seconds,
            "nodes": summary.nodes, "relationships": summary.relationships,
            "cpu": own_cpu() - cpu, "neo4j_cpu": server_cpu(settings)}  # fmt: skip


def measured(name: str, path: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, str(path), "--stage", name]
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def line(name: str, run: dict[str, Any], baseline: tuple[float, float] | None = None) -> tuple[float, float]:
    """Prints the stage; returns (papers per wall second, papers per CPU second of the process and Neo4j)."""
    cpu = run["cpu"] + run["neo4j_cpu"]
    rate, cpu_rate = run["papers"] / run["seconds"], run["papers"] / cpu
    ratio = f"   {rate / baseline[0]:.1f}x / {cpu_rate / baseline[1]:.1f}x online" if baseline else ""
    print(f"{name:<8} {run['papers']:>7,} papers {run['seconds']:8.1f} s wall {rate:8,.1f} papers/s   "
          f"CPU {run['cpu']:7.1f} s + Neo4j {run['neo4j_cpu']:7.1f} s = {cpu_rate:6,.1f} papers/CPU s   "
          f"{run['rss_mb']:7,.0f} MB peak RSS{ratio}", flush=True)  # fmt: skip
    if "phases" in run:
        print(f"         {run['nodes']:,} nodes, {run['relationships']:,} relationships; phases (s): {run['phases']}")
    return rate, cpu_rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("extracted", type=Path)
    parser.add_argument("--papers", type=int, default=30_000)
    skip = parser.add_mutually_exclusive_group()
    skip.add_argument("--skip-online", action="store_true", help="measure the bulk import only")
    skip.add_argument("--skip-bulk", action="store_true", help="measure the online write only")
    parser.add_argument("--wipe", action="store_true", help="required: the local database is replaced")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings = Settings()
    if args.stage:
        run = online(args.extracted, settings) if args.stage == "online" else bulk(args.extracted, settings)
        rss = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        print(json.dumps({**run, "rss_mb": rss / 1024}))
        return 0
    if not args.wipe or not settings.manages_local_neo4j:
        print("needs --wipe and the local server (KG_NEO4J_URI unset): the local database is replaced", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        sliced = Path(tmp) / "extracted.jsonl"
        with args.extracted.open("rb") as source:
            sliced.write_bytes(b"".join(itertools.islice(source, args.papers)))
        print(f"first {args.papers:,} records of {args.extracted.name}, batch size {settings.batch_size}", flush=True)
        baseline = None if args.skip_online else line("online", measured("online", sliced))
        if not args.skip_bulk:
            line("bulk", measured("bulk", sliced), baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
