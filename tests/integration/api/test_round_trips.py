"""No N+1: one read for the shapes a frontend asks for, the same few reads at any page size otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.api.conftest import LiveServer

# The five frontend queries of the benchmark (benchmarks/bench_peer.py), each one Neo4j read.
FRONTEND = {
    "paper with entities and topics": (
        "query($id: ID!){ paper(id: $id) { id title"
        " entities { count entity { key name label } } topics { id label } } }"
    ),
    "page of papers with entity names": "{ papers(first: 20) { nodes { id title entities { entity { name } } } } }",
    "papers of an entity": (
        "query($key: String!){ entity(label: METHOD, key: $key) { key name papers(first: 20) { nodes { id title } } } }"
    ),
    "papers of a topic": "query($t: ID!){ topic(id: $t) { id label papers(first: 20) { nodes { id title year } } } }",
    "entity, papers, entities": (
        "query($key: String!){ entity(label: METHOD, key: $key) { name papers(first: 10) {"
        " edges { cursor node { id title entities(first: 5) { count entity { key name } } } }"
        " pageInfo { hasNextPage } } } }"
    ),
}

PAGE = """query($f: Int!){ papers(first: $f) { edges { node {
  id title entities { count entity { key label } } topics { id label } claims { id } results { id }
} } } }"""


def reads_for(gql: Any, server: LiveServer, first: int) -> int:
    reader = server.app.state.reader
    before = reader.round_trips
    body = gql(PAGE, {"f": first})
    assert "errors" not in body and len(body["data"]["papers"]["edges"]) == first
    return int(reader.round_trips - before)


def test_round_trips_do_not_grow_with_the_page(gql: Any, live_server: LiveServer) -> None:
    small, large = reads_for(gql, live_server, 5), reads_for(gql, live_server, 50)
    assert small == large == 3  # the page with entities and topics, then one batched read each for claims, results


@pytest.mark.parametrize("name", sorted(FRONTEND))
def test_a_frontend_query_is_one_read(gql: Any, live_server: LiveServer, name: str) -> None:
    first = gql("{ papers(first: 1) { nodes { id topics { id } } } }")["data"]["papers"]["nodes"][0]
    variables = {"id": first["id"], "key": "transformer", "t": first["topics"][0]["id"]}
    reader = live_server.app.state.reader
    before = reader.round_trips
    body = gql(FRONTEND[name], variables)
    assert "errors" not in body and body["data"] and all(value is not None for value in body["data"].values())
    assert reader.round_trips - before == 1


def test_nested_papers_of_claims_are_batched_too(gql: Any, live_server: LiveServer) -> None:
    reader = live_server.app.state.reader
    before = reader.round_trips
    body = gql("{ claims(first: 50) { nodes { paper { id entities { count } } entities { key } } } }")
    assert "errors" not in body
    assert reader.round_trips - before == 4  # claims page, their papers, those papers' entities, claim entities


def test_total_count_is_one_more_read_taken_alongside_the_page(gql: Any, live_server: LiveServer) -> None:
    reader = live_server.app.state.reader
    query = "{ papers(first: 10) { ...page } } fragment page on PaperConnection { totalCount nodes { id } }"
    before = reader.round_trips
    body = gql(query)
    assert body["data"]["papers"]["totalCount"] > 10 and len(body["data"]["papers"]["nodes"]) == 10
    assert reader.round_trips - before == 2
