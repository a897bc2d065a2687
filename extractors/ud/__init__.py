"""The trained English layer: tagger (PTB tags) and UD dependency parser over a CNN tok2vec, trained
on UD English-EWT by `make model`; UPOS and features from two attribute rulers whose rules are
learned from EWT train (`tagmap.py`: tag -> UPOS and features, then UPOS by tag and relation), and
spaCy's English rule lemmatizer.

The pipeline directory `en_ud_ewt/` ships in the repository (its `meta.json` records the treebank's
checksums, the scores, licence and attribution); `train.cfg` is the training config and `build.py`
the script `make model` runs. The extraction pipeline (`extractors/config.cfg`) sources its
components; `load_ud()` gives the layer alone.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import extractors.ud.syntax

UD_DIR = Path(__file__).resolve().parent
UD_MODEL_DIR = UD_DIR / "en_ud_ewt"
TRAIN_CONFIG = UD_DIR / "train.cfg"


def load_ud(path: Path = UD_MODEL_DIR) -> Language:
    """The trained layer alone (spaCy's tokenizer, no extraction components), UD noun chunks on."""
    if not (path / "meta.json").is_file():
        raise FileNotFoundError(f"no trained English pipeline at {path}: run `make model`")
    nlp = spacy.load(path)
    nlp.vocab.get_noun_chunks = extractors.ud.syntax.ud_noun_chunks  # type: ignore[assignment]  # yields (start, end, label)
    return nlp
