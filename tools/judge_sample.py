"""Draw a fresh random sample of papers, and write the items an independent judge sees.

usage:
  python tools/judge_sample.py sample CORPUS.jsonl.gz OUT.jsonl --size 5000 --seed SEED
  python tools/judge_sample.py links SAMPLE.jsonl EXPORT_DIR
  python tools/judge_sample.py items EXPORT_DIR SAMPLE.jsonl OUT.jsonl [--top 50]

`sample` draws `size` papers uniformly at random (the seed is printed and must be new each time a
precision is measured). `items` takes the `--top` contradiction links of a `kg export` made with
`--min-confidence 0`, most confident first, and writes for each only what JUDGING.md says a judge
sees: a pair id, both claim sentences, both titles and both abstracts (no confidence, no reason).
`links` is the quick way to that export without Neo4j: the sample is extracted and its claims linked
in memory, as `kg analyze` links them, and every CONTRADICTS link is written to
`EXPORT_DIR/contradictions.jsonl` with the fields `items` reads.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

from kg.model import normalize_title


def sample(corpus: Path, out: Path, size: int, seed: int) -> int:
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        records = [line for line in lines if line.strip()]
    chosen = sorted(random.Random(seed).sample(range(len(records)), size))
    with out.open("w", encoding="utf-8") as target:
        for index in chosen:
            target.write(records[index] if records[index].endswith("\n") else records[index] + "\n")
    return len(chosen)


def items(export: Path, sample_file: Path, out: Path, top: int) -> int:
    abstracts: dict[str, str] = {}
    for line in sample_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        abstracts[normalize_title(record["title"])] = record["abstract"]
    links = [json.loads(line) for line in (export / "contradictions.jsonl").read_text(encoding="utf-8").splitlines()]
    links.sort(key=lambda link: (-link["confidence"], link["a_claim_id"], link["b_claim_id"]))
    with out.open("w", encoding="utf-8") as target:
        for number, link in enumerate(links[:top], start=1):
            target.write(json.dumps(item(number, link, abstracts), ensure_ascii=False) + "\n")
    return min(top, len(links))


def links(sample_file: Path, export: Path) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # the fitting tool beside this one
    from fit_claim_confidence import build_corpus, context_of  # the extraction pipeline loads only here

    from kg.analytics.contradictions import link_claims

    corpus, sentences, _ = build_corpus(sample_file)
    titles = {paper.id: paper.title for paper in corpus.papers}
    found = link_claims(corpus.claims, papers=context_of(corpus))
    export.mkdir(parents=True, exist_ok=True)
    written = 0
    with (export / "contradictions.jsonl").open("w", encoding="utf-8") as target:
        for link in (x for x in found if x.relation == "CONTRADICTS"):
            row = {"confidence": link.confidence, "strength": link.strength, "reason": link.reason}
            for side, claim in (("a", link.source), ("b", link.target)):
                row |= {f"{side}_claim_id": claim.id, f"{side}_title": titles[claim.paper_id]}
                row[f"{side}_claim"] = sentences[claim.id]
            target.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written


def item(number: int, link: dict[str, Any], abstracts: dict[str, str]) -> dict[str, Any]:
    return {
        "pair": f"p{number:02d}",
        "a_title": link["a_title"],
        "a_abstract": abstracts.get(normalize_title(link["a_title"]), ""),
        "a_claim": link["a_claim"],
        "b_title": link["b_title"],
        "b_abstract": abstracts.get(normalize_title(link["b_title"]), ""),
        "b_claim": link["b_claim"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("sample")
    draw.add_argument("corpus", type=Path)
    draw.add_argument("out", type=Path)
    draw.add_argument("--size", type=int, default=5000)
    draw.add_argument("--seed", type=int, required=True)
    linked = commands.add_parser("links")
    linked.add_argument("sample", type=Path)
    linked.add_argument("export", type=Path)
    write = commands.add_parser("items")
    write.add_argument("export", type=Path)
    write.add_argument("sample", type=Path)
    write.add_argument("out", type=Path)
    write.add_argument("--top", type=int, default=50)
    args = parser.parse_args(argv)
    if args.command == "sample":
        print(f"{sample(args.corpus, args.out, args.size, args.seed)} papers, seed {args.seed}")
    elif args.command == "links":
        print(f"{links(args.sample, args.export)} contradiction links")
    else:
        print(f"{items(args.export, args.sample, args.out, args.top)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
