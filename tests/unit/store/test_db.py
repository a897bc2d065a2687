"""Driver failures reach a user as one line that says what to do, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from neo4j import Driver, GraphDatabase

from kg.errors import Neo4jUnavailable
from kg.store.db import wait_until_available


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens once the socket is closed


def test_a_refused_connection_is_one_line_with_the_way_out() -> None:
    env = {
        **os.environ,
        "KG_NEO4J_URI": f"bolt://127.0.0.1:{closed_port()}",
        "KG_NEO4J_PASSWORD": "not-used",
        "KG_NEO4J_RETRIES": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "kg", "stats"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 3
    assert "connection refused" in done.stderr and "kg neo4j start" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2


class CountingDriver:
    """A real driver that counts `verify_connectivity` calls (how many attempts were made)."""

    def __init__(self, driver: Driver) -> None:
        self.driver, self.calls = driver, 0

    def verify_connectivity(self) -> None:
        self.calls += 1
        self.driver.verify_connectivity()


def attempts_until_unavailable(uri: str, attempts: int) -> tuple[int, str]:
    driver = GraphDatabase.driver(
        uri, auth=("neo4j", "unused"), connection_timeout=0.3, connection_acquisition_timeout=0.6
    )
    counting = CountingDriver(driver)
    try:
        with pytest.raises(Neo4jUnavailable) as raised:
            wait_until_available(counting, uri, attempts=attempts, first_delay=0.01)  # type: ignore[arg-type]
    finally:
        driver.close()
    return counting.calls, str(raised.value)


def test_a_refused_connection_is_not_retried() -> None:
    calls, message = attempts_until_unavailable(f"bolt://127.0.0.1:{closed_port()}", attempts=3)
    assert calls == 1 and "connection refused" in message


def test_a_server_that_never_answers_keeps_the_retries() -> None:
    with socket.socket() as silent:  # accepts connections (the backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        calls, message = attempts_until_unavailable(f"bolt://127.0.0.1:{silent.getsockname()[1]}", attempts=3)
    assert calls == 3 and "unavailable" in message
