"""Write the papers and extractions the graph holds as `kg extract` records (JSON Lines), read back from the graph.

usage: python benchmarks/read_back.py OUT.jsonl [--papers N]

For measuring the online write path on a graph whose extraction output is no longer on disk (a loaded
dump): `kg.store.readback` says what the read-back keeps. The file goes where OUT says (keep it outside
the repository: it holds the corpus's abstracts).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

from extractors.export import to_record
from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.readback import read_back


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--papers", type=int, default=None, help="the first N papers in id order (default: all)")
    args = parser.parse_args()
    settings = Settings()
    started = time.perf_counter()
    written = 0
    with open_driver(settings) as driver, args.out.open("w", encoding="utf-8") as out:
        for paper, extraction in itertools.islice(read_back(driver, settings.neo4j_database), args.papers):
            out.write(json.dumps(to_record(paper, extraction), ensure_ascii=False) + "\n")
            written += 1
            if written % 10_000 == 0:
                print(f"{written:,} papers, {time.perf_counter() - started:.0f} s", flush=True)
    print(f"{written:,} papers read back in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
