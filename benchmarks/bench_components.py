"""Where extraction time goes: each pipeline component timed alone over the same docs.

Times spaCy's bare English tokenizer (`spacy.blank("en")`, the baseline of `bench_extract.py`) over
the corpus, then the extraction pipeline's tokenizer and its components one after another over the
same docs (CPU seconds), and prints each figure, its ratio to the baseline, and the pipeline's sum.
Best of `--repeats` runs per figure.

    .venv/bin/python benchmarks/bench_components.py [--corpus data/corpus] [--repeats 3] [--ud-model DIR]

`--ud-model` times the pipeline with another trained English layer (a `make model` output directory)
in place of the shipped one.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.util import load_model_from_config

from extractors.pipeline import pipeline_config
from extractors.ud import UD_MODEL_DIR
from kg.ingest import first_occurrences, read_papers


def cpu_seconds(action: object) -> float:
    start = time.process_time()
    action()  # type: ignore[operator]
    return time.process_time() - start


def component_times(texts: list[str], batch_size: int, ud_model: Path) -> list[tuple[str, float]]:
    """(name, CPU seconds) for the tokenizer and then each component, over fresh docs."""
    nlp = load_model_from_config(pipeline_config({}, ud_model=ud_model), auto_fill=True, validate=True)
    blank = spacy.blank("en")
    docs: list[Doc] = []
    times = [
        ("blank tokenizer", cpu_seconds(lambda: [blank.tokenizer(text) for text in texts])),
        ("tokenizer", cpu_seconds(lambda: docs.extend(nlp.tokenizer(text) for text in texts))),
    ]
    for name, component in nlp.pipeline:

        def run(component: object = component) -> None:
            if hasattr(component, "pipe"):
                docs[:] = list(component.pipe(docs, batch_size=batch_size))
            else:
                docs[:] = [component(doc) for doc in docs]  # type: ignore[operator]

        times.append((name, cpu_seconds(run)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("data/corpus"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--ud-model", type=Path, default=UD_MODEL_DIR, help="the trained English layer to time")
    args = parser.parse_args()
    texts = [paper.text for paper in first_occurrences(read_papers([args.corpus]))]
    runs = [component_times(texts, args.batch_size, args.ud_model.resolve()) for _ in range(args.repeats)]
    best = {name: min(run[i][1] for run in runs) for i, (name, _) in enumerate(runs[0])}
    baseline = best.pop("blank tokenizer")
    print(f"{len(texts)} abstracts, best of {args.repeats} (CPU s, ratio to the bare tokenizer's {baseline:.2f} s)")
    for name, seconds in best.items():
        print(f"{name:<18} {seconds:6.2f} s {seconds / baseline:5.2f}x")
    total = sum(best.values())
    print(f"{'total':<18} {total:6.2f} s {total / baseline:5.2f}x")


if __name__ == "__main__":
    main()
