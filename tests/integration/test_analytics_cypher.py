"""The explicit-reference write converges (every constant is EXPLAINed by test_cypher_statements)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.store.analytics import write_citations
from kg.store.db import run_read, run_write

pytestmark = pytest.mark.integration


def test_explicit_references_merge_to_one_unrun_tagged_link(empty_graph: Driver) -> None:
    run_write(empty_graph, "UNWIND ['a', 'b'] AS id CREATE (:Paper {id: id})", "neo4j")
    rows = [{"citing": "a", "cited": "b", "evidence": "reference list", "confidence": 1.0}]
    for _ in range(2):
        write_citations(empty_graph, "neo4j", rows, inferred=False, batch_size=10)
    found = run_read(
        empty_graph,
        "MATCH (:Paper {id: 'a'})-[r:CITES]->(:Paper {id: 'b'}) RETURN r.inferred AS inferred, r.run AS run",
        "neo4j",
    )
    run_write(empty_graph, "MATCH (p:Paper) WHERE p.id IN ['a', 'b'] DETACH DELETE p", "neo4j")
    assert found == [{"inferred": False, "run": None}]
