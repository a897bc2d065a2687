"""Every Cypher constant of the ingest-side store modules passes EXPLAIN on the real server."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.store.cypher import extraction, papers, schema, stats

STATEMENTS = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}{'' if isinstance(value, str) else f'[{key}]'}": query
    for module in (papers, extraction, stats)
    for name, value in vars(module).items()
    if name.isupper() and not name.startswith("_")
    for key, query in (value.items() if isinstance(value, dict) else [("", value)])
    if isinstance(query, str)
}


@pytest.mark.parametrize("query", STATEMENTS.values(), ids=STATEMENTS.keys())
def test_cypher_constant_explains(driver: Driver, query: str) -> None:
    with driver.session(database="neo4j") as session:
        session.run(f"EXPLAIN {query}").consume()


def test_schema_statements_are_applied(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        for statement in schema.SCHEMA_STATEMENTS:
            session.run(statement).consume()
        names = {record["name"] for record in session.run("SHOW INDEXES YIELD name")}
    assert {schema.PAPER_TEXT_INDEX, schema.ENTITY_NAMES_INDEX} <= names
    assert len(STATEMENTS) >= 15
