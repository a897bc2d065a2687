"""`make model`: converts UD English-EWT, trains the English layer and writes it to extractors/ud/en_ud_ewt.

    python -m extractors.ud.build [--treebank DIR] [--workdir .model-build] [spacy train overrides ...]
    python -m extractors.ud.build --checkpoint DIR   # package a checkpoint already trained

The treebank is read where it lies (it is never copied into the repository); the converted `.spacy`
files and the training output go to the git-ignored work directory. The pipeline written is the
best checkpoint on EWT dev; its `meta.json` records the SHA-256 of the three CoNLL-U files, the
scores on dev and test, and the treebank's licence and attribution. Needs the `train` extra
(`spacy-lookups-data`, the lemmatizer's tables, read once at initialisation and then stored in
the pipeline).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import spacy
import srsly
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.util import load_config

from extractors.ud import TRAIN_CONFIG, UD_MODEL_DIR
from extractors.ud.evaluate import SPLITS, convert, evaluate, treebank_file
from extractors.ud.tagmap import write_patterns

DEFAULT_TREEBANK = Path("../shared/treebanks/UD_English-EWT")
DEFAULT_WORKDIR = Path(".model-build")
RULERS = {"attribute_ruler": "tags", "pos_from_deps": "deps"}  # ruler -> its rules in write_patterns()
TREEBANK_SOURCE = {
    "name": "UD English-EWT",
    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
    "license": "CC BY-SA 4.0",
    "author": "Silveira et al. (2014), 'A Gold Standard Dependency Corpus for English', LREC; "
    "Universal Dependencies (de Marneffe et al. 2021, Computational Linguistics)",
}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def train(corpus: dict[str, Path], patterns: dict[str, Path], output: Path, overrides: list[str]) -> Path:
    """Runs `spacy train` (a child process, so its output streams) and returns the best checkpoint."""
    command = [
        sys.executable, "-m", "spacy", "train", str(TRAIN_CONFIG), "--output", str(output),
        "--paths.train", str(corpus["train"]), "--paths.dev", str(corpus["dev"]),
        "--paths.tag_patterns", str(patterns["tags"]), "--paths.dep_patterns", str(patterns["deps"]), *overrides,
    ]  # fmt: skip
    subprocess.run(command, check=True)
    return output / "model-best"


def assemble(checkpoint: Path, patterns: dict[str, Path]) -> Language:
    """The pipeline of `train.cfg`: its trained components from the checkpoint, its attribute rulers
    initialised from `patterns` (the rules learned from the treebank, so a checkpoint trained under an
    earlier rule set or component order is packaged with the current ones)."""
    trained = spacy.load(checkpoint)
    nlp = spacy.blank("en")
    for name in load_config(TRAIN_CONFIG)["nlp"]["pipeline"]:
        if name in RULERS:
            ruler = cast(AttributeRuler, nlp.add_pipe("attribute_ruler", name=name, config={"validate": False}))
            ruler.initialize(lambda: [], nlp=nlp, patterns=list(srsly.read_jsonl(patterns[RULERS[name]])))
        else:
            nlp.add_pipe(name, source=trained)
    return nlp


def describe(nlp: Language, treebank: Path, dev: dict[str, Any], test: dict[str, Any]) -> None:
    """Fills the pipeline's meta: what it is, the data it comes from and how well it does."""
    nlp.meta.update(
        {
            "name": "ud_ewt",
            "version": "1.0.0",
            "description": "Tagger (PTB tags) and UD dependency parser over a CNN tok2vec, trained on UD "
            "English-EWT for the kg extractors; UPOS and features from attribute rulers whose rules are learned "
            "from EWT train (tag -> UPOS and features, then UPOS by tag and relation); rule lemmatizer.",
            "license": "CC BY-SA 4.0",
            "author": "kg project (model); treebank: see sources",
            "sources": [TREEBANK_SOURCE],
            "data": {
                split: {"file": treebank_file(treebank, split).name, "sha256": sha256(treebank_file(treebank, split))}
                for split in SPLITS
            },
            "performance": {"dev": dev, "test": test},
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--output", type=Path, default=UD_MODEL_DIR)
    parser.add_argument("--checkpoint", type=Path, help="package this trained checkpoint instead of training")
    args, overrides = parser.parse_known_args()
    corpus = {split: convert(args.treebank, split, args.workdir / "corpus") for split in SPLITS}
    patterns = write_patterns(treebank_file(args.treebank, "train"), args.workdir)
    best = args.checkpoint or train(corpus, patterns, args.workdir / "train", overrides)
    nlp = assemble(best, patterns)
    nlp.to_disk(args.output)
    describe(nlp, args.treebank, evaluate(args.output, corpus["dev"]), evaluate(args.output, corpus["test"]))
    nlp.to_disk(args.output)
    print(json.dumps({"written": str(args.output), "test": nlp.meta["performance"]["test"]}))


if __name__ == "__main__":
    main()
