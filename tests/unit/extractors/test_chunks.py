"""Names from structure: capitalised words before a class word in a parsed noun chunk."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "We evaluate on the Cityscapes dataset and the Penn Treebank corpus.",
            {("Cityscapes", "DATASET"), ("Penn Treebank", "DATASET")},
            set(),
        ),
        # a split of data or a data class word after the name
        (
            "We report results on the Zorblat test set and rank first in the Quintar challenge.",
            {("Zorblat", "DATASET"), ("Quintar", "DATASET")},
            set(),
        ),
        # Title Case class phrases and counts are no names
        (
            "Scaling Laws for Large Language Models are studied on 10 datasets.",
            set(),
            {("Large Language", "MODEL"), ("10", "DATASET")},
        ),
    ],
)
def test_capitalised_words_before_a_class_word(
    extract: Callable[..., Extraction], sentence: str, expected: set, absent: set
) -> None:
    found = {(e.text, e.label.value) for e in extract(sentence).entities}
    assert expected <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # proper nouns in a list the class word governs: typed by that context, known or not
        ("We evaluate on benchmarks such as Zorblat and Quintar.", {("Zorblat", "DATASET"), ("Quintar", "DATASET")}),
        # a proper-noun run the corpus knows as a dataset, with no class word near it
        ("The tagger is trained on the Penn Treebank and tested on new text.", {("Penn Treebank", "DATASET")}),
    ],
)
def test_proper_noun_runs_in_noun_chunks(extract: Callable[..., Extraction], sentence: str, expected: set) -> None:
    assert expected <= {(e.text, e.label.value) for e in extract(sentence).entities}


@pytest.mark.parametrize(
    "sentence",
    [
        "The Zorblax system was written at Quintar University in one summer.",  # unknown proper nouns alone
        "We compare QZXW with two baselines on four tasks.",  # a lone all-capitals word the corpus never typed
    ],
)
def test_weak_names_the_corpus_does_not_know_are_dropped(extract: Callable[..., Extraction], sentence: str) -> None:
    texts = {e.text for e in extract(sentence).entities}
    assert not texts & {"Zorblax", "Quintar", "Quintar University", "QZXW"}


def test_weak_names_the_corpus_knows_are_kept(extract: Callable[..., Extraction]) -> None:
    """A lone all-capitals word used once is a name where many corpus abstracts typed it."""
    found = {
        (e.text, e.label.value) for e in extract("We replace the LSTM encoder with an SVM over bag-of-words.").entities
    }
    assert ("SVM", "METHOD") in found
