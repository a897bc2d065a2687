"""Limits (depth, aliases, tokens) and errors: codes, no stack traces, Neo4j down answers fast."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest

from kg.settings import Settings
from tests.integration.api.conftest import LiveServer


def codes(body: dict[str, Any]) -> set[str]:
    return {error["extensions"]["code"] for error in body.get("errors", [])}


def test_depth_limit(gql: Any, api_settings: Settings) -> None:
    nested = "entity { papers(first: 1) { nodes { entities { " * 3 + "count" + " } } } }" * 3
    body = gql("{ papers(first: 1) { nodes { entities { " + nested + " } } } }")
    assert "GRAPHQL_VALIDATION_FAILED" in codes(body)
    assert f"maximum operation depth of {api_settings.max_query_depth}" in body["errors"][0]["message"]


def test_alias_limit(gql: Any, api_settings: Settings) -> None:
    aliases = " ".join(f"a{i}: stats {{ papers }}" for i in range(api_settings.max_aliases + 1))
    body = gql("{ " + aliases + " }")
    assert "data" not in body and "GRAPHQL_VALIDATION_FAILED" in codes(body)


def test_token_limit(gql: Any, api_settings: Settings) -> None:
    body = gql("{ " + "__typename " * api_settings.max_tokens + "}")
    assert "data" not in body and codes(body) == {"GRAPHQL_PARSE_FAILED"}
    assert "tokens" in body["errors"][0]["message"]


def test_queries_under_the_limits_pass(gql: Any) -> None:
    aliases = " ".join(f"a{i}: stats {{ papers }}" for i in range(5))
    assert "errors" not in gql("{ " + aliases + " }")


def test_errors_never_carry_stack_traces(client: httpx.Client) -> None:
    documents = [
        '{ paper(id: "nope") { id } }',
        "{ paper(",
        '{ search(query: "((") { score } }',
        "{ papers(first: 9999) { totalCount } }",
    ]
    for document in documents:
        text = client.post("/graphql", json={"query": document}).text
        assert "Traceback" not in text and 'File "' not in text and "stacktrace" not in text.lower()
        for error in client.post("/graphql", json={"query": document}).json()["errors"]:
            assert set(error) <= {"message", "locations", "path", "extensions"} and set(error["extensions"]) == {"code"}


@pytest.fixture(scope="module")
def dead_neo4j_server(api_settings: Settings) -> Any:
    """The app pointed at a closed port: Neo4j is down from its point of view."""
    dead = api_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    with LiveServer(dead) as server:
        yield server


def test_neo4j_down_is_service_unavailable_fast(dead_neo4j_server: LiveServer) -> None:
    with httpx.Client(base_url=dead_neo4j_server.url, timeout=30) as http:
        started = time.monotonic()
        body = http.post("/graphql", json={"query": '{ stats { papers } paper(id: "x") { id } }'}).json()
        elapsed = time.monotonic() - started
        ready = http.get("/readyz")
        alive = http.get("/healthz")
    assert codes(body) == {"SERVICE_UNAVAILABLE"} and elapsed < 3.0
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
    assert alive.status_code == 200


@pytest.fixture(scope="module")
def silent_port() -> Any:
    """A port that accepts TCP connections and never says a word (a hung server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]


def test_neo4j_hanging_is_service_unavailable_fast(api_settings: Settings, silent_port: int) -> None:
    hung = api_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{silent_port}"})
    with LiveServer(hung) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        started = time.monotonic()
        body = http.post("/graphql", json={"query": "{ stats { papers } }"}).json()
        elapsed = time.monotonic() - started
        ready = http.get("/readyz")
    assert codes(body) == {"SERVICE_UNAVAILABLE"} and elapsed < 4.0, elapsed
    assert ready.status_code == 503
