"""The online write path (`kg ingest` of extracted records, extraction excluded) of this checkout against the
same path at a baseline git revision, in the same run, on the same records; and whether both give the same graph.

usage: python benchmarks/bench_online_write.py EXTRACTED.jsonl --baseline REV [--papers 10000] --wipe

EXTRACTED.jsonl is what `kg extract` wrote (or `benchmarks/read_back.py` read back from a graph); its first
`--papers` records are written. The baseline's code is `git archive REV` unpacked into a temporary folder and
run from there. Needs the LOCAL server (`kg neo4j start`; KG_NEO4J_URI unset) and `--wipe`: each stage
empties the database first. Each stage is `benchmarks/bench_bulk.py --stage online` of its own checkout, in
a fresh process: wall seconds, CPU seconds of the process and of the local Neo4j server (from /proc).
After each stage the graph's facts (`kg.store.facts.graph_facts`) are digested; the last line says whether
the two graphs are equal.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.facts import graph_facts

HERE = Path(__file__).resolve().parent.parent


def unpack(rev: str, into: Path) -> Path:
    """The tree of `rev` (this repository's git history) unpacked under `into`."""
    archive = subprocess.run(["git", "archive", rev], cwd=HERE, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def online(tree: Path, records: Path) -> dict[str, Any]:
    """`bench_bulk.py --stage online` of `tree`, with `tree` first on the import path."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, str(tree / "benchmarks" / "bench_bulk.py"), str(records), "--stage", "online"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=HERE)  # cwd: this checkout's .env
    if done.returncode != 0:
        sys.exit(f"the online stage of {tree} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def facts_digest(settings: Settings) -> tuple[int, str]:
    with open_driver(settings) as driver:
        facts = graph_facts(driver, settings.neo4j_database)
    return len(facts), hashlib.sha256("\n".join(facts).encode()).hexdigest()[:16]


def show(name: str, run: dict[str, Any], facts: tuple[int, str], baseline: dict[str, Any] | None) -> None:
    cpu = run["cpu"] + run["neo4j_cpu"]
    rate = run["papers"] / run["seconds"]
    ratio = ""
    if baseline:
        base_cpu = baseline["cpu"] + baseline["neo4j_cpu"]
        ratio = f"   {rate / (baseline['papers'] / baseline['seconds']):.2f}x wall, {base_cpu / cpu:.2f}x CPU"
    print(f"{name:<9} {run['papers']:>7,} papers {run['seconds']:8.1f} s wall {rate:7.1f} papers/s   "
          f"CPU {run['cpu']:6.1f} s + Neo4j {run['neo4j_cpu']:7.1f} s   {facts[0]:,} facts {facts[1]}{ratio}",
          flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("extracted", type=Path)
    parser.add_argument("--baseline", required=True, help="git revision whose write path is the baseline")
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--wipe", action="store_true", help="required: the local database is replaced")
    args = parser.parse_args()
    settings = Settings()
    if not args.wipe or not settings.manages_local_neo4j:
        print("needs --wipe and the local server (KG_NEO4J_URI unset): the local database is replaced", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "extracted.jsonl"
        with args.extracted.open("rb") as source:
            records.write_bytes(b"".join(itertools.islice(source, args.papers)))
        print(f"first {args.papers:,} records of {args.extracted.name}, batch size {settings.batch_size}", flush=True)
        base = online(unpack(args.baseline, Path(tmp) / "baseline"), records)
        base_facts = facts_digest(settings)
        show(f"{args.baseline[:9]}", base, base_facts, None)
        this = online(HERE, records)
        this_facts = facts_digest(settings)
        show("this", this, this_facts, base)
    print("same graph" if base_facts == this_facts else "DIFFERENT GRAPHS", flush=True)
    return 0 if base_facts == this_facts else 1


if __name__ == "__main__":
    sys.exit(main())
