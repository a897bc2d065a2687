"""Issue #7 point 3: credentials never appear in answers, error messages or logs; the key check is constant-time.

Everything is logged at DEBUG (the Neo4j driver's Bolt traffic included) while the API and the CLI
meet a wrong Neo4j password, a right one, and wrong and right API keys; neither the passwords nor
the keys may show up anywhere a user or an operator could read them.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError
from pydantic import SecretStr

import api.graphql.context
from tests.integration.api.conftest import LiveServer
from tests.integration.reliability.conftest import KG, REPO, Throwaway

pytestmark = pytest.mark.integration

RUN = "mutation { runAnalysis { runId status } }"
STATS = "{ stats { papers } }"


@pytest.fixture
def running(throwaway: Throwaway) -> Iterator[Throwaway]:
    """The throwaway server; afterwards, waits out the lock Neo4j puts on a user after failed logins."""
    if throwaway.server.pid() is None:
        throwaway.start()
    yield throwaway
    wait_for_auth(throwaway)


def wait_for_auth(server: Throwaway, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with GraphDatabase.driver(server.settings.bolt_uri, auth=server.auth) as driver:
                driver.verify_connectivity()
            return
        except Neo4jError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def api_key_of(server: Throwaway, key: str) -> dict[str, object]:
    # A generous read timeout: the first reads of a fresh server on a busy machine may take seconds.
    return {"neo4j_uri": server.settings.bolt_uri, "api_key": SecretStr(key), "api_request_timeout": 60.0}


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog


def test_wrong_neo4j_password_is_not_echoed_by_the_api(
    running: Throwaway, debug_logs: pytest.LogCaptureFixture
) -> None:
    wrong = "wrong-" + secrets.token_urlsafe(12)
    settings = running.settings.model_copy(
        update={"neo4j_uri": running.settings.bolt_uri, "neo4j_password": SecretStr(wrong)}
    )
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        answers = [
            http.post("/graphql", json={"query": STATS}),
            http.get("/readyz"),
            http.get("/graphql?query=" + STATS),
        ]
    assert answers[1].status_code == 503
    assert answers[0].json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    for answer in answers:
        assert wrong not in answer.text
    assert debug_logs.records, "the driver's DEBUG logging was captured"
    assert wrong not in debug_logs.text


def test_api_keys_and_the_password_stay_out_of_answers_and_logs(
    running: Throwaway, debug_logs: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, wrong_key = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    password = running.settings.neo4j_password.get_secret_value() if running.settings.neo4j_password else "?"
    compared: list[tuple[bytes, bytes]] = []
    compare_digest = hmac.compare_digest

    def recording_compare_digest(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return compare_digest(a, b)

    monkeypatch.setattr(api.graphql.context.hmac, "compare_digest", recording_compare_digest)
    settings = running.settings.model_copy(update=api_key_of(running, key))
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        refused = http.post("/graphql", json={"query": RUN}, headers={"X-API-Key": wrong_key})
        served = http.post("/graphql", json={"query": STATS}, headers={"X-API-Key": key})
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", refused.text
    assert "errors" not in served.json() and served.json()["data"]["stats"]["papers"] >= 0, served.text
    assert compared == [(wrong_key.encode(), key.encode())], "the key is checked with hmac.compare_digest"
    for secret in (key, wrong_key, password):
        assert secret not in refused.text and secret not in served.text
        assert secret not in debug_logs.text
    assert key not in repr(settings) and password not in repr(settings) and password not in str(settings.model_dump())


def test_cli_with_a_wrong_password_says_so_in_one_line_without_it(running: Throwaway) -> None:
    wrong = "wrong-" + secrets.token_urlsafe(12)
    env = {**running.env, "KG_NEO4J_PASSWORD": wrong, "KG_NEO4J_RETRIES": "1"}
    done = subprocess.run([KG, "stats"], env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 4, done.stderr  # refused credentials, not "unavailable" (3)
    assert "authentication failed" in done.stderr and "Traceback" not in done.stderr
    assert wrong not in done.stdout + done.stderr
