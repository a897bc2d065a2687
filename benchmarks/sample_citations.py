"""A random sample of inferred citations, written as items for an independent judge (`JUDGING.md`,
section "Judging inferred citations"): both titles and abstracts and the evidence, nothing else.

usage: python benchmarks/sample_citations.py EXPORT_DIR OUT.jsonl
       [--corpus ../shared/corpus-large/ml_abstracts.jsonl.gz]
       [--count 50] [--seed 1]

EXPORT_DIR is `kg export` of the analysed graph; abstracts are read from the corpus file it was
ingested from (read at run time). Paper A is the citing paper, B the cited one. The count of
inferred links in the export is printed, so the sample's base is known.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

DEFAULT_CORPUS = Path("../shared/corpus-large/ml_abstracts.jsonl.gz")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("export", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    lines = (args.export / "citations.jsonl").read_text(encoding="utf-8").splitlines()
    inferred = [row for row in map(json.loads, lines) if row["inferred"]]
    sample = random.Random(args.seed).sample(inferred, min(args.count, len(inferred)))
    wanted = {row[key] for row in sample for key in ("citing_id", "cited_id")}
    papers = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                papers[record["id"]] = record
    with args.out.open("w", encoding="utf-8") as out:
        for row in sample:
            a, b = papers[row["citing_id"]], papers[row["cited_id"]]
            item = {
                "pair": f"{row['citing_id']}->{row['cited_id']}",
                "a_title": a["title"],
                "a_abstract": a["abstract"],
                "b_title": b["title"],
                "b_abstract": b["abstract"],
                "evidence": row["evidence"],
            }
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(inferred):,} inferred citations in {args.export}; {len(sample)} sampled (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
