"""No N+1: a page of papers with their entities and topics costs the same few Neo4j reads at any size."""

from __future__ import annotations

from typing import Any

from tests.integration.api.conftest import LiveServer

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
    assert small == large == 5  # the page, then one batched read each for entities, topics, claims, results


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
