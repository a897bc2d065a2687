"""`make model-eval`: the shipped English layer on UD English-EWT test, one JSON line.

    python -m extractors.ud.evaluate [--treebank DIR] [--workdir .model-build] [--split test]

spaCy's `evaluate` on the converted split (gold tokens, full UD labels): PTB tag accuracy, UPOS
accuracy, unlabelled and labelled attachment, sentence-boundary F1 and words per second.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from spacy.cli.evaluate import evaluate as spacy_evaluate

from extractors.ud import UD_MODEL_DIR

SPLITS = ("train", "dev", "test")
DOC_SENTENCES = 10  # sentences per converted document, so the parser learns where sentences end
REPORTED = {"tag_acc": "tag_acc", "pos_acc": "pos_acc", "uas": "dep_uas", "las": "dep_las", "sents_f": "sents_f"}


def treebank_file(treebank: Path, split: str) -> Path:
    path = treebank / f"en_ewt-ud-{split}.conllu"
    if not path.is_file():
        raise FileNotFoundError(f"no {split} file in the treebank: {path} (set TREEBANK=... to the UD_English-EWT dir)")
    return path


def convert(treebank: Path, split: str, outdir: Path) -> Path:
    """The split as spaCy's binary format in `outdir` (converted once; the treebank stays where it is)."""
    source = treebank_file(treebank, split)
    target = outdir / f"{source.stem}.spacy"
    if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
        outdir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "spacy", "convert", str(source), str(outdir), "--converter", "conllu"]
        subprocess.run([*command, "--n-sents", str(DOC_SENTENCES)], check=True, capture_output=True)
    return target


def evaluate(model: Path, data: Path) -> dict[str, Any]:
    """The reported scores, rounded to 4 places, and words per second."""
    scores = spacy_evaluate(str(model), data, silent=True)
    result: dict[str, Any] = {name: round(float(scores[key]), 4) for name, key in REPORTED.items()}
    result["lemma_acc"] = round(float(scores["lemma_acc"]), 4)
    result["words_per_s"] = round(float(scores["speed"]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--treebank", type=Path, default=Path("../shared/treebanks/UD_English-EWT"))
    parser.add_argument("--workdir", type=Path, default=Path(".model-build"))
    parser.add_argument("--model", type=Path, default=UD_MODEL_DIR)
    parser.add_argument("--split", choices=SPLITS, default="test")
    args = parser.parse_args()
    data = convert(args.treebank, args.split, args.workdir / "corpus")
    print(json.dumps(evaluate(args.model, data)))


if __name__ == "__main__":
    main()
