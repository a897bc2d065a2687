"""Compiled answers are the normal execution's answers, byte for byte, and everything else falls back.

Two apps run side by side on the analysed corpus, both with the response cache off: one answers
fully planned documents compiled (`api/graphql/compiled/`), the other always runs strawberry's
execution. Every document goes to both; the bodies must be equal bytes (so the same values, the
same key order, the same errors), and the compiled app's counter says which path answered.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.graphql import cursors
from kg.settings import Settings
from tests.integration.api.conftest import LiveServer

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from bench_peer import QUERIES

PAPER_SCALARS = "id title abstract date year authors organization upvotes doi arxivId pagerank citationCount"
ENTITY_SCALARS = "key label name canonical aliases family size longForm mentions paperCount pagerank"
PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"

COMPILED = {
    "every paper field": f"query($paper: ID!) {{ paper(id: $paper) {{ {PAPER_SCALARS} __typename }} }}",
    "every entity field": f'{{ entity(label: METHOD, key: "Transformer") {{ {ENTITY_SCALARS} __typename }} }}',
    "every topic field": "query($topic: ID!) { topic(id: $topic) { id label size topTerms run x y __typename } }",
    "aliases": (
        "query($paper: ID!) { p: paper(id: $paper) { i: id t: title"
        " es: entities(first: 2) { n: count e: entity { k: key name } } ts: topics { id } } }"
    ),
    "the same list twice under two aliases": (
        "query($paper: ID!) { paper(id: $paper) { models: entities(label: MODEL) { entity { key } }"
        " top: entities(first: 1) { count entity { name } } } }"
    ),
    "fragments, inline fragments and merged fields": (
        "query($paper: ID!) { paper(id: $paper) { ...basics title ... on Paper { year entities { entity { key } } }"
        " entities { count } } } fragment basics on Paper { id title authors }"
    ),
    "a label and a page size from variables": (
        "query($paper: ID!, $label: EntityLabel, $n: Int) { paper(id: $paper) { id"
        " entities(label: $label, first: $n) { count entity { key label } } } }"
    ),
    "a connection with everything": (
        f"{{ papers(first: 3) {{ totalCount {PAGE_INFO} edges {{ cursor node {{ id title }} __typename }}"
        " nodes { id } __typename } }"
    ),
    "an empty page": f"{{ papers(first: 0) {{ totalCount {PAGE_INFO} edges {{ cursor }} nodes {{ id }} }} }}",
    "a page size from a variable with a default": "query($f: Int = 4) { papers(first: $f) { nodes { id } } }",
    "filters": (
        '{ a: papers(filter: {entity: "METHOD:transformer", yearFrom: 2000}, first: 5) {'
        " totalCount nodes { id year } } } "
    ),
    "a topic filter": (
        f"query($topic: ID) {{ papers(filter: {{topic: $topic}}, first: 4) {{ {PAGE_INFO} nodes {{ id }} }} }}"
    ),
    "a label and text filter": (
        '{ papers(filter: {label: MODEL, text: "model"}, first: 4) { totalCount nodes { id } } }'
    ),
    "nested pages": (
        f'{{ entity(label: METHOD, key: "transformer") {{ name first: papers(first: 2) {{ {PAGE_INFO}'
        f" edges {{ cursor node {{ id }} }} }} rest: papers(first: 100) {{ {PAGE_INFO} nodes {{ id }} }} }} }}"
    ),
    "deep": (
        "query($topic: ID!) { topic(id: $topic) { label papers(first: 3) { nodes { id"
        " entities(first: 2) { count entity { key papers(first: 2) { nodes { id topics { id label } } } } }"
        " topics { id papers(first: 1) { nodes { title } } } } } } }"
    ),
    "an entity's papers with totalCount": (
        '{ entity(label: METHOD, key: "transformer") { papers(first: 1) { totalCount } } }'
    ),
    "nested totalCounts": (
        'query Entity { entity(label: METHOD, key: "transformer") { papers(first: 1) { totalCount } }'
        " } query Picked($topic: ID!) { topic(id: $topic) { papers(first: 3) { n: totalCount nodes { id"
        " topics { papers(first: 1) { totalCount total: totalCount } } } } } }"
    ),
    "an operation picked by name": (
        "query Other { papers(first: 1) { nodes { id } } } query Picked($paper: ID!) { paper(id: $paper) { title } }"
    ),
}

# Documents that run the normal execution: fields with resolvers of their own, directives,
# introspection, several root fields, arguments the resolvers refuse.
FALLBACK = {
    "claims": "query($paper: ID!) { paper(id: $paper) { id claims { id } } }",
    "a directive": "query($paper: ID!) { paper(id: $paper) { id title @include(if: false) } }",
    "introspection": "{ __schema { queryType { name } } }",
    "two root fields": "query($paper: ID!) { paper(id: $paper) { id } papers(first: 1) { nodes { id } } }",
    "first beyond the cap": "{ papers(first: 101) { nodes { id } } }",
    "a nested first beyond the cap": ("query($paper: ID!) { paper(id: $paper) { entities(first: 500) { count } } }"),
    "a nested page beyond the cap": (
        '{ entity(label: METHOD, key: "transformer") { papers(first: 101) { nodes { id } } } }'
    ),
    "a bad cursor": '{ papers(first: 2, after: "not-a-cursor") { nodes { id } } }',
    "a foreign cursor": (
        f'{{ papers(first: 2, after: "{cursors.encode("entity:MENTIONS:None", 1, "x")}") {{ nodes {{ id }} }} }}'
    ),
    "a nested bad cursor": ('{ topic(id: "0") { papers(first: 2, after: "not-a-cursor") { nodes { id } } } }'),
    "a variable of the wrong type": "query($f: Int!) { papers(first: $f) { nodes { id } } }",
    "an invalid document": "{ paper { nope } }",
}
# Answers with errors the compiled path gives itself (a read finds nothing).
NOT_FOUND = {
    "no such paper": '{ paper(id: "no-such-paper") { id title } }',
    "no such entity": '{ e: entity(label: MODEL, key: "no-such-model") { key } }',
    "no such topic": '{ topic(id: "no-such-topic") { id } }',
}


@pytest.fixture(scope="module")
def servers(api_settings: Settings) -> Iterator[dict[str, LiveServer]]:
    compiled = api_settings.model_copy(update={"api_response_cache": False, "api_compiled_answers": True})
    normal = api_settings.model_copy(update={"api_response_cache": False, "api_compiled_answers": False})
    with LiveServer(compiled) as fast, LiveServer(normal) as slow:
        yield {"compiled": fast, "normal": slow}


@pytest.fixture(scope="module")
def variables(servers: dict[str, LiveServer]) -> dict[str, Any]:
    """A topic of the current run with several papers, its first paper, and cursors of both kinds of page."""
    topics = body(servers["normal"], "{ topics { id size } }")["data"]["topics"]
    topic = max(topics, key=lambda t: (t["size"], t["id"]))["id"]
    found = body(servers["normal"], f'{{ topic(id: "{topic}") {{ papers(first: 1) {{ nodes {{ id }} }} }} }}')
    return {"paper": found["data"]["topic"]["papers"]["nodes"][0]["id"], "topic": topic, "canonical": "transformer"}


def send(server: LiveServer, query: str, variables: dict[str, Any] | None = None, name: str | None = None) -> bytes:
    payload = {"query": query, "variables": variables, "operationName": name}
    response = httpx.post(f"{server.url}/graphql", json=payload, timeout=30)
    return response.content


def body(server: LiveServer, query: str, variables: dict[str, Any] | None = None) -> Any:
    return httpx.post(f"{server.url}/graphql", json={"query": query, "variables": variables}, timeout=30).json()


def used(query: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in variables.items() if f"${name}" in query}


def answered(server: LiveServer) -> int:
    return int(server.app.state.graphql.compiled.answered)


def both(servers: dict[str, LiveServer], query: str, variables: dict[str, Any], name: str | None = None) -> bytes:
    """The compiled app's body, after checking that the normal app gives the same bytes."""
    fast = send(servers["compiled"], query, variables, name)
    assert fast == send(servers["normal"], query, variables, name)
    return fast


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_the_five_frontend_queries_are_compiled_and_equal(
    servers: dict[str, LiveServer], variables: dict[str, Any], query: Any
) -> None:
    before = answered(servers["compiled"])
    answer = both(servers, query.ours, used(query.ours, variables))
    assert b'"errors"' not in answer and answered(servers["compiled"]) == before + 1


@pytest.mark.parametrize("name", sorted(COMPILED))
def test_supported_shapes_are_compiled_and_equal(
    servers: dict[str, LiveServer], variables: dict[str, Any], name: str
) -> None:
    query = COMPILED[name]
    given = {**used(query, variables), "label": "MODEL", "n": 3} if "$label" in query else used(query, variables)
    before = answered(servers["compiled"])
    answer = both(servers, query, given, "Picked" if "Picked" in query else None)
    assert b'"errors"' not in answer and b'"data":{' in answer
    assert answered(servers["compiled"]) == before + 1


def test_null_variables_and_literals_equal(servers: dict[str, LiveServer], variables: dict[str, Any]) -> None:
    query = COMPILED["a label and a page size from variables"]
    for given in ({"label": None, "n": None}, {"label": "HARDWARE", "n": 0}, {"label": "DATASET"}):
        assert b'"errors"' not in both(servers, query, {"paper": variables["paper"], **given})


def test_paging_with_cursors_equal(servers: dict[str, LiveServer], variables: dict[str, Any]) -> None:
    """Walk a root listing and an entity's papers by their end cursors; every page equal on both paths."""
    root = (
        f"query($a: String) {{ papers(first: 40, after: $a) {{ totalCount {PAGE_INFO}"
        " edges { cursor node { id } } } }"
    )
    nested = (
        'query($a: String) { entity(label: METHOD, key: "transformer") {'
        f" papers(first: 3, after: $a) {{ {PAGE_INFO} nodes {{ id title }} }} }} }}"
    )
    for query, path in ((root, ("papers",)), (nested, ("entity", "papers"))):
        after, pages = None, 0
        while True:
            answer = httpx.Response(200, content=both(servers, query, {"a": after})).json()["data"]
            for step in path:
                answer = answer[step]
            pages += 1
            if not answer["pageInfo"]["hasNextPage"]:
                break
            after = answer["pageInfo"]["endCursor"]
        assert pages > 2


@pytest.mark.parametrize("name", sorted(NOT_FOUND))
def test_not_found_is_the_same_error(servers: dict[str, LiveServer], name: str) -> None:
    before = answered(servers["compiled"])
    answer = both(servers, NOT_FOUND[name], {})
    assert b'"NOT_FOUND"' in answer and answered(servers["compiled"]) == before


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_everything_else_falls_back_with_the_same_answer(
    servers: dict[str, LiveServer], variables: dict[str, Any], name: str
) -> None:
    query = FALLBACK[name]
    given = {**used(query, variables), "f": "ten"} if "$f" in query else used(query, variables)
    before = answered(servers["compiled"])
    both(servers, query, given)
    assert answered(servers["compiled"]) == before


def test_a_topic_read_by_id_has_its_map_position(servers: dict[str, LiveServer]) -> None:
    listed = body(servers["normal"], "{ topics { id x y } }")["data"]["topics"]
    for server in servers.values():
        for topic in listed[:3]:
            found = body(server, "query($t: ID!) { topic(id: $t) { id x y } }", {"t": topic["id"]})["data"]["topic"]
            assert found == topic and found["x"] is not None


DOWN = {"paper": '{ paper(id: "x") { id title } }', "page": "{ papers(first: 2) { totalCount nodes { id } } }"}


@pytest.mark.parametrize("query", DOWN.values(), ids=DOWN.keys())
def test_neo4j_down_is_the_same_error(api_settings: Settings, query: str) -> None:
    """A read that fails: SERVICE_UNAVAILABLE on the root field, as the resolvers give it (null data for `papers`)."""
    dead = api_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9", "api_response_cache": False})
    with LiveServer(dead) as fast, LiveServer(dead.model_copy(update={"api_compiled_answers": False})) as slow:
        answer = send(fast, query)
        assert answer == send(slow, query) and b'"SERVICE_UNAVAILABLE"' in answer
