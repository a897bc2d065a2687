"""An entity's co-occurring entities read from the current analysis run's stored top list, against the same
answer counted over the entity's papers per request, in the same run, on the most mentioned entities.

usage: python benchmarks/bench_cooccurring.py [--entities 20] [--first 20] [--repeat 5]

The graph must have a current analysis run (`kg analyze`). The counted answer is what the reader does when
the run's list does not hold the page asked for: here a page one longer than the run's `cooccurring_top`
(the count's cost is the scan of the entity's papers, not the page length). Each answer's first `--first`
rows are compared: the two must be equal. Latencies are of the store's read (one Bolt round trip), no HTTP;
both statements are run once untimed first (query planning).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from kg.analytics.pipeline import AnalysisParams
from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.reads import After, GraphReader


def timed(reader: GraphReader, key: str, limit: int) -> tuple[float, list[tuple[str, int]]]:
    started = time.perf_counter()
    rows = reader.co_occurring(key, limit)
    return (time.perf_counter() - started) * 1000, [(row["entity"]["key"], row["papers"]) for row in rows]


def quantiles(name: str, values: list[float], baseline: list[float] | None = None) -> None:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    ratio = f"   p50 {statistics.median(baseline) / statistics.median(values):.1f}x faster" if baseline else ""
    print(f"{name:<8} {len(values):4} reads  p50 {statistics.median(values):8.1f} ms  p95 {cuts[94]:8.1f} ms  "
          f"p99 {cuts[98]:8.1f} ms  max {max(values):8.1f} ms{ratio}", flush=True)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entities", type=int, default=20)
    parser.add_argument("--first", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    counted_limit = AnalysisParams().cooccurring_top + 1
    with open_driver(settings) as driver:
        reader = GraphReader(driver, settings.neo4j_database, timeout=120.0)
        keys = [row["entity"]["key"] for row in reader.entity_page("MENTIONS", None, After(), args.entities)]
        stored: list[float] = []
        counted: list[float] = []
        differ = []
        timed(reader, keys[0], args.first), timed(reader, keys[0], counted_limit)  # both plans compiled, not timed
        for _ in range(args.repeat):
            for key in keys:
                seconds, fast = timed(reader, key, args.first)
                stored.append(seconds)
                seconds, slow = timed(reader, key, counted_limit)
                counted.append(seconds)
                if fast != slow[: args.first]:
                    differ.append(key)
    print(f"{len(keys)} most mentioned entities, first {args.first}, {args.repeat} rounds")
    quantiles("counted", counted)
    quantiles("stored", stored, counted)
    print("same answers" if not differ else f"DIFFERENT answers for {sorted(set(differ))}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
