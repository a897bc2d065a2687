"""The suite never wipes data it did not create: a database without its marker that holds data is refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from tests.integration.conftest import (
    MARK_AS_TEST_DATABASE,
    TEST_MARKER_INDEX,
    ForeignDatabaseError,
    claim_for_tests,
    wipe,
)

DB = "neo4j"


@pytest.fixture
def unmarked_graph_with_data(empty_graph: Driver) -> Iterator[Driver]:
    """The test database as a user's would look: one node of theirs, no marker (both restored afterwards)."""
    with empty_graph.session(database=DB) as session:
        session.run(f"DROP INDEX {TEST_MARKER_INDEX}").consume()
        session.run("CREATE (:UsersOwnData {name: 'keep me'})").consume()
    yield empty_graph
    with empty_graph.session(database=DB) as session:
        session.run("MATCH (n:UsersOwnData) DELETE n").consume()
        session.run(MARK_AS_TEST_DATABASE).consume()


def test_a_database_holding_data_without_the_marker_is_refused(unmarked_graph_with_data: Driver) -> None:
    with pytest.raises(ForeignDatabaseError, match="refusing to use database 'neo4j' for tests: it holds data"):
        wipe(unmarked_graph_with_data, DB)
    with unmarked_graph_with_data.session(database=DB) as session:
        kept = session.run("MATCH (n:UsersOwnData) RETURN n.name AS name").single()
    assert kept is not None and kept["name"] == "keep me"


def test_an_empty_database_is_claimed_with_the_marker(empty_graph: Driver) -> None:
    with empty_graph.session(database=DB) as session:
        session.run(f"DROP INDEX {TEST_MARKER_INDEX}").consume()
    claim_for_tests(empty_graph, DB)
    with empty_graph.session(database=DB) as session:
        names = [record["name"] for record in session.run("SHOW INDEXES YIELD name")]
    assert TEST_MARKER_INDEX in names


def test_the_marker_is_not_a_node(empty_graph: Driver) -> None:
    with empty_graph.session(database=DB) as session:
        assert session.run("MATCH (n) RETURN count(n) AS n").single()["n"] == 0  # type: ignore[index]
