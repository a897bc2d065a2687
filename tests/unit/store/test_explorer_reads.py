"""The words of a search that the matched entities of a hit are looked up by."""

from __future__ import annotations

import pytest

from kg.store.explorer_reads import search_terms


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("quantization", ["quantization"]),
        ("LLaVA AND vision-language", ["llava", "vision", "language"]),
        ('"scaling laws" OR Scaling', ["scaling", "laws"]),
        ("a b NOT", []),
        ("GPT-4o*", ["gpt", "4o"]),
    ],
)
def test_search_terms(query: str, terms: list[str]) -> None:
    assert search_terms(query) == terms
