"""Issue #7 point 2: oversized and pathological requests are refused with a clear error, never a 5xx.

The API engineer's tests cover the plain limits (body size, depth, aliases, tokens, page size);
these push each one far past its limit, in the shapes a hostile client would use, and check the
server still answers a normal query straight after.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from kg.settings import Settings
from tests.integration.api.conftest import LiveServer

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def http(neo4j_settings: Settings) -> Iterator[httpx.Client]:
    with LiveServer(neo4j_settings) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def codes(response: httpx.Response) -> set[str]:
    return {error["extensions"]["code"] for error in response.json().get("errors", [])}


def post_raw(http: httpx.Client, content: bytes | str) -> httpx.Response:
    return http.post("/graphql", content=content, headers={"Content-Type": "application/json"})


NESTED_JSON = 200_000  # far past the JSON decoder's recursion limit, well under the body cap

QUERY = '{"query": "{ stats { papers } }", '
HOSTILE_BODIES: dict[str, str] = {
    "deeply nested variables": QUERY + '"variables": {"x": ' + "[" * NESTED_JSON + "]" * NESTED_JSON + "}}",
    "deeply nested body": "[" * NESTED_JSON + "]" * NESTED_JSON,
    "deeply nested extensions": QUERY + '"extensions": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}",
}


def deep_selection(levels: int) -> str:
    """A valid document `levels` x 4 fields deep (paper -> mentions -> entity -> papers ...), under the token cap."""
    inner = "count"
    for _ in range(levels):
        inner = f"entity {{ papers(first: 1) {{ nodes {{ entities {{ {inner} }} }} }} }}"
    return f"{{ papers(first: 1) {{ nodes {{ entities {{ {inner} }} }} }} }}"


HOSTILE_DOCUMENTS: dict[str, str] = {
    "deep selection": deep_selection(20),
    "deeply nested list argument": "{ search(query: " + "[" * 5000 + '"x"' + "]" * 5000 + ") { score } }",
    "thousands of aliases": "{ " + " ".join(f"a{i}: stats {{ papers }}" for i in range(20_000)) + " }",
    "huge page size": "{ papers(first: 2147483647) { totalCount } }",
    "integer overflow": "{ papers(first: 99999999999999999999999) { totalCount } }",
    "long string literal": '{ search(query: "' + "a" * 900_000 + '") { score } }',
    "many fragments spread": "fragment F on Query { stats { papers } } { " + "...F " * 50_000 + "}",
    "directive flood": "{ stats " + "@include(if: true) " * 20_000 + "{ papers } }",
}


def assert_refused_cleanly(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    assert "Traceback" not in response.text and 'File "' not in response.text
    errors = response.json()["errors"]
    assert errors and all(error["message"] and error["extensions"]["code"] for error in errors)
    assert len(errors[0]["message"]) < 500  # one clear line, not an echo of the input


def assert_still_serves(http: httpx.Client) -> None:
    body: Any = http.post("/graphql", json={"query": "{ stats { papers } }"}).json()
    assert "errors" not in body and body["data"]["stats"]["papers"] >= 0


@pytest.mark.parametrize("name", HOSTILE_BODIES)
def test_pathological_json_bodies_are_refused(http: httpx.Client, name: str) -> None:
    response = post_raw(http, HOSTILE_BODIES[name])
    assert response.status_code in (400, 413), response.text[:500]
    assert_refused_cleanly(response)
    assert_still_serves(http)


@pytest.mark.parametrize("name", HOSTILE_DOCUMENTS)
def test_pathological_documents_are_refused(http: httpx.Client, name: str) -> None:
    response = http.post("/graphql", json={"query": HOSTILE_DOCUMENTS[name]})
    assert_refused_cleanly(response)
    assert "data" not in response.json() or response.json()["data"] is None
    assert_still_serves(http)


def test_deeply_nested_get_variables_are_refused(http: httpx.Client) -> None:
    nested = "[" * 3_000 + "]" * 3_000
    response = http.get("/graphql", params={"query": "{ stats { papers } }", "variables": nested})
    assert response.status_code == 400
    assert_refused_cleanly(response)


def test_body_over_the_cap_without_content_length_is_refused(http: httpx.Client, neo4j_settings: Settings) -> None:
    """A chunked body (no Content-Length) is counted as it streams in and cut at the cap."""

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "{ stats { papers } }", "pad": "'
        for _ in range(neo4j_settings.max_body_bytes // 65_536 + 2):
            yield b"x" * 65_536
        yield b'"}'

    response = http.post("/graphql", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert_refused_cleanly(response)
    assert_still_serves(http)
