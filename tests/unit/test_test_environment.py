"""The test session runs without the caller's `KG_NEO4J_*` settings (a user's own graph is never reached)."""

from __future__ import annotations

import os


def test_no_kg_neo4j_variable_reaches_the_tests() -> None:
    assert not [name for name in os.environ if name.upper().startswith("KG_NEO4J_")]
