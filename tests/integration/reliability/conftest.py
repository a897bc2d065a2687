"""A throwaway Neo4j for the fault tests: they kill it with SIGKILL, so it is never the session's shared server.

One server per package run, in a temporary folder, on free ports picked at run time (or
`KG_TEST_FAULT_BOLT_PORT` / `KG_TEST_FAULT_HTTP_PORT`). `Throwaway.kill()` is `kill -9`;
`Throwaway.restart()` starts it again on the same ports and data, as an operator would.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from pydantic import SecretStr

from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.db import open_driver
from tests.integration.conftest import wipe

REPO = Path(__file__).resolve().parents[3]
KG = str(Path(sys.executable).with_name("kg"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Throwaway:
    """A local Neo4j the tests may kill: its settings, a driver onto it, and the environment for `kg` subprocesses."""

    def __init__(self, home: Path) -> None:
        self.settings = Settings(
            neo4j_uri=None,
            neo4j_password=SecretStr(secrets.token_urlsafe(18)),
            neo4j_bolt_port=int(os.environ.get("KG_TEST_FAULT_BOLT_PORT") or free_port()),
            neo4j_http_port=int(os.environ.get("KG_TEST_FAULT_HTTP_PORT") or free_port()),
            neo4j_heap="512m",
            neo4j_pagecache="128m",
            data_dir=home,
        )
        self.server = LocalNeo4j(self.settings)
        self._driver: Driver | None = None

    @property
    def env(self) -> dict[str, str]:
        """Environment for a `kg` subprocess aimed at this server (and nothing from a `.env` file)."""
        password = self.settings.neo4j_password.get_secret_value() if self.settings.neo4j_password else ""
        return {
            **os.environ,
            "KG_NEO4J_URI": self.settings.bolt_uri,
            "KG_NEO4J_PASSWORD": password,
            "KG_DATA_DIR": str(self.settings.data_dir),
        }

    @property
    def auth(self) -> tuple[str, str]:
        password = self.settings.neo4j_password.get_secret_value() if self.settings.neo4j_password else ""
        return self.settings.neo4j_user, password

    @property
    def driver(self) -> Driver:
        if self._driver is None:
            self._driver = open_driver(self.settings)
        return self._driver

    def start(self) -> None:
        self.server.start()
        self._close_driver()

    def kill(self) -> None:
        """`kill -9` the server and reap it, so the same ports and data can be started again."""
        self.server.kill()
        self._close_driver()

    def restart(self) -> None:
        self.start()

    def stop(self) -> None:
        self._close_driver()
        self.server.stop()

    def _close_driver(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None


@pytest.fixture(scope="package")
def throwaway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Throwaway]:
    """A running throwaway Neo4j for this package's tests, stopped at the end."""
    server = Throwaway(tmp_path_factory.mktemp("throwaway-neo4j"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def clean_throwaway(throwaway: Throwaway) -> Throwaway:
    """The throwaway server, running, with nothing in it."""
    if throwaway.server.pid() is None:
        throwaway.start()
    wipe(throwaway.driver, throwaway.settings.neo4j_database)
    return throwaway
