"""Every Cypher constant of kg/store/cypher/analytics.py compiles on the real server (EXPLAIN), and the
explicit-reference write converges."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.store.cypher import analytics as cypher
from kg.store.db import run_read, run_write

pytestmark = pytest.mark.integration

STATEMENTS = {name: value for name, value in vars(cypher).items() if name.isupper() and "MATCH" in str(value)}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_compiles(driver: Driver, name: str) -> None:
    with driver.session(database="neo4j") as session:
        session.run(f"EXPLAIN {STATEMENTS[name]}").consume()


def test_explicit_references_merge_to_one_unrun_tagged_link(empty_graph: Driver) -> None:
    run_write(empty_graph, "UNWIND ['a', 'b'] AS id CREATE (:Paper {id: id})", "neo4j")
    rows = [{"citing": "a", "cited": "b", "evidence": "reference list", "confidence": 1.0}]
    for _ in range(2):
        run_write(empty_graph, cypher.MERGE_EXPLICIT_CITES, "neo4j", rows=rows)
    found = run_read(
        empty_graph,
        "MATCH (:Paper {id: 'a'})-[r:CITES]->(:Paper {id: 'b'}) RETURN r.inferred AS inferred, r.run AS run",
        "neo4j",
    )
    run_write(empty_graph, "MATCH (p:Paper) WHERE p.id IN ['a', 'b'] DETACH DELETE p", "neo4j")
    assert found == [{"inferred": False, "run": None}]
