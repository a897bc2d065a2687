"""How many real CiteSeer citations the inference from abstracts alone recovers (precision and recall).

usage: python benchmarks/citeseer_inference.py EXPORT_DIR [--edges ../shared/corpus-large/citations_edges.tsv]
                                               [--show 10] [--seed 7]

EXPORT_DIR is `kg export` of a graph holding `citations_papers.jsonl.gz` ingested with extraction and
analysed (`kg ingest ...; kg analyze; kg export EXPORT_DIR`). Inferred links (`inferred: true`) are
compared with the real edges; a link whose reverse is a real edge counts separately (right pair,
wrong direction). `--show` prints a random sample of the inferred links that hit no real edge, to read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

DEFAULT_EDGES = Path("../shared/corpus-large/citations_edges.tsv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path)
    parser.add_argument("--edges", type=Path, default=DEFAULT_EDGES)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    lines = args.edges.read_text(encoding="utf-8").splitlines()[1:]
    real = {(a, b) for a, b in (line.split("\t") for line in lines)}
    rows = [json.loads(line) for line in (args.export / "citations.jsonl").read_text(encoding="utf-8").splitlines()]
    inferred = {(row["citing_id"], row["cited_id"]): row for row in rows if row["inferred"]}
    explicit = {(row["citing_id"], row["cited_id"]) for row in rows if not row["inferred"]}
    hits = inferred.keys() & real
    reversed_hits = {(a, b) for a, b in inferred if (b, a) in real}
    print(f"real edges {len(real):,}; explicit CITES in the graph {len(explicit):,} (equal: {explicit == real})")
    print(f"inferred links {len(inferred):,}; on a real edge {len(hits):,}; reversed real edge {len(reversed_hits):,}")
    precision = len(hits) / len(inferred) if inferred else 0.0
    print(f"precision {precision:.3f}   recall {len(hits) / len(real):.4f}")
    misses = sorted(inferred.keys() - real)
    for key in random.Random(args.seed).sample(misses, min(args.show, len(misses))):
        row = inferred[key]
        print(f"- {row['citing_title'][:70]!r} -> {row['cited_title'][:70]!r}: {row['evidence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
