"""Shared test helpers: where the repository's sample data lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO / "data" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


def pytest_configure(config: pytest.Config) -> None:
    """The tests never reach a user's own Neo4j: every `KG_NEO4J_*` setting of the caller is dropped.

    Integration tests use their own server, or one named by `KG_TEST_NEO4J_URI` (tests/integration/conftest.py).
    """
    for name in [name for name in os.environ if name.upper().startswith("KG_NEO4J_")]:
        del os.environ[name]
