"""Issue #7 point 1: Neo4j killed while the API serves, then back; the API recovers by itself.

While Neo4j is down: GraphQL answers `SERVICE_UNAVAILABLE` within 2 seconds, `/readyz` is 503,
`/healthz` stays 200. After Neo4j restarts on the same ports and data, the same app (not
restarted) answers again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.api.conftest import LiveServer
from tests.integration.reliability.conftest import Throwaway

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUERY = "{ stats { papers } }"
DOWN_WITHIN_SECONDS = 2.0
RECOVERY_SECONDS = 90.0


@pytest.fixture
def app_on_throwaway(clean_throwaway: Throwaway) -> Iterator[LiveServer]:
    settings = clean_throwaway.settings.model_copy(update={"neo4j_uri": clean_throwaway.settings.bolt_uri})
    with LiveServer(settings) as server:
        yield server


def codes(body: dict[str, Any]) -> set[str]:
    return {error["extensions"]["code"] for error in body.get("errors", [])}


def timed_query(http: httpx.Client) -> tuple[float, dict[str, Any]]:
    started = time.monotonic()
    body = http.post("/graphql", json={"query": QUERY}).json()
    return time.monotonic() - started, body


def wait_until_served(http: httpx.Client, seconds: float) -> tuple[int, dict[str, Any]]:
    """Poll `/readyz`, then the query, until both succeed (a restarted server's first reads may be slow)."""
    deadline = time.monotonic() + seconds
    status, body = 0, {}
    while time.monotonic() < deadline:
        status = http.get("/readyz").status_code
        if status == 200:
            body = timed_query(http)[1]
            if "errors" not in body:
                break
        time.sleep(0.5)
    return status, body


def test_api_fails_fast_while_neo4j_is_down_and_recovers_without_a_restart(
    clean_throwaway: Throwaway, app_on_throwaway: LiveServer
) -> None:
    with httpx.Client(base_url=app_on_throwaway.url, timeout=30) as http:
        assert wait_until_served(http, RECOVERY_SECONDS) == (200, {"data": {"stats": {"papers": 0}}})

        clean_throwaway.kill()
        for _ in range(3):  # the first request meets dead pooled connections, later ones a refused port
            elapsed, body = timed_query(http)
            assert codes(body) == {"SERVICE_UNAVAILABLE"} and body.get("data") in (None, {"stats": None}), body
            assert elapsed < DOWN_WITHIN_SECONDS, f"SERVICE_UNAVAILABLE took {elapsed:.2f} s"
        started = time.monotonic()
        ready = http.get("/readyz")
        assert ready.status_code == 503 and time.monotonic() - started < DOWN_WITHIN_SECONDS
        assert ready.json()["status"] == "unavailable"
        assert http.get("/healthz").status_code == 200

        clean_throwaway.restart()
        assert wait_until_served(http, RECOVERY_SECONDS) == (200, {"data": {"stats": {"papers": 0}}})
