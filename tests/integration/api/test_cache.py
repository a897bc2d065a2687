"""Answers cached by graph version: served again without reads, revalidated by ETag, and fresh
within the staleness bound after an ingest by another process."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from neo4j import Driver

from api.http import GRAPHQL_RESPONSE_JSON
from kg.model import paper_id
from kg.settings import Settings
from tests.integration.api.conftest import LiveServer
from tests.integration.test_ingest import kg_cli

TITLE = "Cache invalidation probe: a paper ingested by another process"
QUERY = '{ papers(filter: {text: "cache invalidation probe"}) { totalCount nodes { id title } } }'
BOUND = 0.1  # seconds: how often a server process re-reads the graph version (api/cache.py)


def settle(client: httpx.Client, live_server: LiveServer) -> None:
    """Wait until the server has read the graph version of every earlier write (fixtures, other
    tests): a repeated probe is then answered without reads. A version read takes longer than
    `BOUND` on a loaded machine, so one sleep of it is not enough."""
    reader = live_server.app.state.reader
    for _ in range(100):
        client.post("/graphql", json={"query": "{ topics { id } }"})
        before = reader.round_trips
        client.post("/graphql", json={"query": "{ topics { id } }"})
        if reader.round_trips == before:
            return
        time.sleep(BOUND)
    raise AssertionError("the server's graph version kept changing")


def test_a_repeated_query_is_answered_without_reads(client: httpx.Client, live_server: LiveServer) -> None:
    reader = live_server.app.state.reader
    query = "{ papers(first: 7) { nodes { id title } } }"
    settle(client, live_server)
    first = client.post("/graphql", json={"query": query})
    before = reader.round_trips
    again = client.post("/graphql", json={"query": query})
    assert again.status_code == 200 and again.content == first.content
    assert reader.round_trips == before


def test_concurrent_misses_of_one_query_are_read_once(client: httpx.Client, live_server: LiveServer) -> None:
    reader = live_server.app.state.reader
    query = "{ papers(first: 13) { nodes { id title year } } }"  # asked nowhere else: not cached yet

    async def together(clients: int) -> list[bytes]:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as http:
            answers = await asyncio.gather(*(http.post("/graphql", json={"query": query}) for _ in range(clients)))
        assert all(answer.status_code == 200 for answer in answers)
        return [answer.content for answer in answers]

    settle(client, live_server)
    before = reader.round_trips
    bodies = asyncio.run(together(24))
    assert reader.round_trips - before == 1
    assert len(set(bodies)) == 1 and b'"errors"' not in bodies[0]


def test_get_answers_revalidate_with_etags(client: httpx.Client) -> None:
    first = client.get("/graphql", params={"query": "{ topics { id size } }"})
    etag = first.headers["etag"]
    assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
    unchanged = client.get("/graphql", params={"query": "{ topics { id size } }"}, headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == etag
    other = client.get("/graphql", params={"query": "{ topics { id } }"}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_a_repeated_get_is_answered_ahead_of_the_app_as_the_app_answers_it(
    client: httpx.Client, live_server: LiveServer
) -> None:
    endpoint_calls = []
    app = live_server.app
    url = "/graphql?" + urlencode({"query": "{ papers(first: 3) { nodes { id } } }"})
    origin = {"origin": "http://localhost:5173", "accept": GRAPHQL_RESPONSE_JSON}
    time.sleep(BOUND)
    first = client.get(url, headers=origin)
    route = next(r for r in app.router.routes if getattr(r, "path", None) == "/graphql")
    original = route.app  # type: ignore[attr-defined]

    async def counting(scope: Any, receive: Any, send: Any) -> None:
        endpoint_calls.append(scope["path"])
        await original(scope, receive, send)

    route.app = counting  # type: ignore[attr-defined]
    try:
        again = client.get(url, headers=origin)
        revalidated = client.get(url, headers={**origin, "If-None-Match": first.headers["etag"]})
        refused = client.get(url, headers={"accept": "text/plain"})
    finally:
        route.app = original  # type: ignore[attr-defined]
    assert endpoint_calls == ["/graphql"]  # only the 406 reached the endpoint
    assert again.content == first.content and again.status_code == 200
    for name in ("content-type", "etag", "cache-control", "vary", "access-control-allow-origin"):
        assert again.headers[name] == first.headers[name], name
    assert again.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert refused.status_code == 406


def test_answers_with_errors_are_not_cached(client: httpx.Client) -> None:
    response = client.get("/graphql", params={"query": '{ paper(id: "no-such-paper") { id } }'})
    assert response.status_code == 200 and response.json()["errors"] and "etag" not in response.headers


@pytest.fixture
def probe(driver: Driver, neo4j_settings: Settings, tmp_path: Path) -> Iterator[Path]:
    """A JSON Lines file with one new paper; the paper and its listing source are removed afterwards."""
    path = tmp_path / "cache-probe.jsonl"
    path.write_text(json.dumps({"title": TITLE, "abstract": "It exists only to change the graph."}) + "\n")
    yield path
    with driver.session(database=neo4j_settings.neo4j_database) as session:
        session.run("MATCH (p:Paper {id: $id}) DETACH DELETE p", id=paper_id(TITLE)).consume()
        session.run("MATCH (s:Source) WHERE s.name ENDS WITH 'cache-probe.jsonl' DETACH DELETE s").consume()


def test_an_ingest_by_another_process_is_seen_within_the_bound(
    client: httpx.Client, neo4j_settings: Settings, probe: Path, tmp_path: Path
) -> None:
    before = client.get("/graphql", params={"query": QUERY})
    assert before.json()["data"]["papers"]["totalCount"] == 0
    assert client.get("/graphql", params={"query": QUERY}).content == before.content  # cached meanwhile
    done = kg_cli("ingest", "--no-extract", str(probe), settings=neo4j_settings, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    time.sleep(BOUND)
    after = client.get("/graphql", params={"query": QUERY}, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.json()["data"]["papers"]["nodes"] == [{"id": paper_id(TITLE), "title": TITLE}]
