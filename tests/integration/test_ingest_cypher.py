"""The schema statements apply on the real server (every constant is EXPLAINed by test_cypher_statements)."""

from __future__ import annotations

from neo4j import Driver

from kg.store.cypher import schema


def test_schema_statements_are_applied(driver: Driver) -> None:
    with driver.session(database="neo4j") as session:
        for statement in schema.SCHEMA_STATEMENTS:
            session.run(statement).consume()
        names = {record["name"] for record in session.run("SHOW INDEXES YIELD name")}
    assert {schema.PAPER_TEXT_INDEX, schema.ENTITY_NAMES_INDEX} <= names
