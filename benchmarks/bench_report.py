"""Benchmark of `kg report` on the graph Neo4j holds (run `kg ingest data/corpus` and `kg analyze` first).

usage: KG_NEO4J_URI=... KG_NEO4J_PASSWORD=... python benchmarks/bench_report.py [--repeat 5]

Times the two halves of a report, best of `--repeat`: collecting from Neo4j (every query of
kg/store/cypher/reports.py) and rendering the three files (HTML with its SVG, Markdown, JSON), and
prints them as ratios of a baseline measured in the same run: one read of every paper's id and title,
the cheapest query that touches the whole corpus.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.reports.collect import collect
from kg.reports.diff import diff
from kg.reports.render import write_report
from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.reports import ReportReader


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    driver = open_driver(settings)
    try:
        reader = ReportReader(driver, settings.neo4j_database)
        baseline = best_of(args.repeat, reader.paper_titles)
        data = collect(driver, settings)
        collecting = best_of(args.repeat, lambda: collect(driver, settings))
        with tempfile.TemporaryDirectory() as out:
            rendering = best_of(args.repeat, lambda: write_report(data, diff(data, data), Path(out)))
            sizes = {p.name: p.stat().st_size for p in Path(out).iterdir()}
    finally:
        driver.close()
    print(f"papers {data.overview.papers}, topics {len(data.topics)}, contradictions shown {len(data.contradictions)}")
    print(f"baseline (read all paper titles): {baseline * 1000:8.1f} ms")
    print(f"collect from Neo4j:               {collecting * 1000:8.1f} ms  ({collecting / baseline:5.1f}x baseline)")
    print(f"render html + md + json:          {rendering * 1000:8.1f} ms  ({rendering / baseline:5.1f}x baseline)")
    print("files: " + ", ".join(f"{name} {size / 1024:.0f} KiB" for name, size in sorted(sizes.items())))


if __name__ == "__main__":
    main()
