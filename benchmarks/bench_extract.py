"""Extraction speed and memory: `kg extract` over the corpus replicated x5 and x20, in one process.

Prints abstracts per second (wall clock and CPU time), the time of spaCy's bare tokenizer
(`spacy.blank("en")`) over the same texts in the same run, the ratio of the two, and the peak RSS
after each size, to show that memory stays flat as the input grows (the input is streamed).

    .venv/bin/python benchmarks/bench_extract.py [--corpus data/corpus] [--sizes 5,20]

Targets (issue #3): >= 1,000 abstracts/s on one core, <= 4x the tokenizer's time.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from kg.cli.extract import extract_to_jsonl
from kg.ingest import first_occurrences, read_papers


def write_replicated(corpus: Path, copies: int, target: Path) -> int:
    """The corpus `copies` times as JSON Lines, titles made distinct so no copy is a duplicate."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for paper in first_occurrences(read_papers([corpus])):
                record = {"title": f"{paper.title} [copy {copy}]", "abstract": paper.abstract}
                out.write(json.dumps(record) + "\n")
                count += 1
    return count


def texts_of(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield f"{record['title']}\n{record['abstract']}"


def timed(action: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(corpus: Path, copies: int, workdir: Path) -> None:
    source = workdir / f"corpus_x{copies}.jsonl"
    n = write_replicated(corpus, copies, source)
    tokenizer = spacy.blank("en")
    tok_wall, tok_cpu = timed(lambda: sum(1 for _ in tokenizer.pipe(texts_of(source), batch_size=256)))
    sink = io.StringIO() if copies <= 1 else (workdir / "out.jsonl").open("w", encoding="utf-8")
    with sink:
        ext_wall, ext_cpu = timed(lambda: extract_to_jsonl([source], sink))
    print(
        f"x{copies:<3} {n:>6} abstracts | extract {ext_wall:6.1f} s wall {ext_cpu:6.1f} s cpu "
        f"= {n / ext_wall:6.0f} /s wall {n / ext_cpu:6.0f} /s cpu | tokenizer {tok_wall:5.1f} s wall "
        f"{tok_cpu:5.1f} s cpu | ratio {ext_wall / tok_wall:4.2f} wall {ext_cpu / tok_cpu:4.2f} cpu "
        f"| peak RSS {peak_rss_mb():6.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus"))
    parser.add_argument("--sizes", default="5,20", help="comma-separated replication factors, smallest first")
    args = parser.parse_args()
    extract_to_jsonl([args.corpus], io.StringIO())  # warm-up: pipeline build and lexicon caches
    print(f"peak RSS after warm-up {peak_rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (int(size) for size in args.sizes.split(",")):
            run(args.corpus, copies, Path(tmp))


if __name__ == "__main__":
    main()
