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
