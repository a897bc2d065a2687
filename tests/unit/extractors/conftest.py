"""One extractor per test session (building the pipeline takes about a second)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extractors.pipeline import Extractor, load_extractor
from kg.model import Extraction, Paper, paper_id


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[[str], Extraction]:
    """Extracts one abstract under a neutral title."""

    def run(abstract: str, title: str = "A study") -> Extraction:
        return extractor.extract(Paper(id=paper_id(title), title=title, abstract=abstract))

    return run
