"""`_NAME_CANDIDATE` keeps every `_NAME` match that `coined_names` does not skip as a plain word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.components.names import _NAME, _NAME_CANDIDATE

PIECES = [
    "the",
    "Model",
    "it",
    "'s",
    "'",
    "A",
    "b",
    "GPT",
    "-",
    "4",
    ".",
    "/",
    "+",
    " ",
    "\\",
    '"',
    "{o}",
    "é",
    "Über",
    "_",
]


def kept(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    for match in pattern.finditer(text):
        word = match.group(1).rstrip(".").removesuffix("'s")
        tail = word[1:]
        if not (tail.isalpha() and tail.islower()):
            spans.append((match.start(1), match.end(1)))
    return spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_same_names_as_the_full_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert kept(_NAME_CANDIDATE, text) == kept(_NAME, text)


def test_plain_words_are_not_candidates() -> None:
    text = "We show that the Model's results hold, GPT-4 and ResNet-50 too"
    assert [m.group(1) for m in _NAME_CANDIDATE.finditer(text)] == ["GPT-4", "ResNet-50"]
