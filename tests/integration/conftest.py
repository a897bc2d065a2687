"""The one way integration tests reach a real Neo4j (never a mock).

In order of preference:
1. `KG_NEO4J_URI` (with `KG_NEO4J_PASSWORD`) when set: that server is used as it is.
2. A testcontainers `neo4j:5.26-community` container when a Docker engine answers.
3. Otherwise the project's own local server (`kg.neo4j_local`), in `.kg/test` (`KG_TEST_HOME`) on its own ports
   (`KG_TEST_NEO4J_BOLT_PORT`, default 7688; `KG_TEST_NEO4J_HTTP_PORT`, default 7475), started fresh
   for the session and stopped at its end (`KG_TEST_KEEP_NEO4J=1` keeps it running for the next run).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.db import open_driver

REPO = Path(__file__).resolve().parents[2]
TEST_HOME = Path(os.environ.get("KG_TEST_HOME", REPO / ".kg" / "test")).resolve()

pytestmark = pytest.mark.integration


def _docker_answers() -> bool:
    """True when a Docker engine answers `GET /_ping` on its Unix socket within a second."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://") or not Path(host.removeprefix("unix://")).exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        try:
            sock.connect(host.removeprefix("unix://"))
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return b" 200 " in sock.recv(64)
        except OSError:
            return False


def _local_test_settings() -> Settings:
    password_file = TEST_HOME / "password"
    return Settings(
        neo4j_uri=None,
        neo4j_password=password_file.read_text().strip() if password_file.exists() else None,
        neo4j_bolt_port=int(os.environ.get("KG_TEST_NEO4J_BOLT_PORT", "7688")),
        neo4j_http_port=int(os.environ.get("KG_TEST_NEO4J_HTTP_PORT", "7475")),
        neo4j_heap="1g",
        neo4j_pagecache="256m",
        data_dir=TEST_HOME,
    )


def _start_local() -> tuple[Settings, LocalNeo4j, bool]:
    settings = _local_test_settings()
    server = LocalNeo4j(settings)
    if server.status().running and settings.neo4j_password is not None:
        return settings, server, False
    server.stop()
    shutil.rmtree(TEST_HOME, ignore_errors=True)
    TEST_HOME.mkdir(parents=True)
    password = secrets.token_urlsafe(18)
    (TEST_HOME / "password").write_text(password)
    settings = _local_test_settings()
    server = LocalNeo4j(settings)
    server.start()
    return settings, server, True


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings that point at a real, running Neo4j for this test session."""
    if os.environ.get("KG_NEO4J_URI"):
        yield Settings()
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        password = secrets.token_urlsafe(18)
        with Neo4jContainer("neo4j:5.26-community", password=password) as container:
            yield Settings(neo4j_uri=container.get_connection_url(), neo4j_password=password)
        return
    settings, server, started = _start_local()
    yield settings
    if started and not os.environ.get("KG_TEST_KEEP_NEO4J"):
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    driver = open_driver(neo4j_settings)
    yield driver
    driver.close()


def wipe(driver: Driver, database: str = "neo4j") -> None:
    """Delete every node and relationship (in batches), keeping constraints and indexes."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def empty_graph(driver: Driver) -> Driver:
    """A driver onto a graph that holds nothing (data is wiped before the test)."""
    wipe(driver)
    return driver


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Among the integration tests, run the users of `corpus_graph` before the others (stable otherwise).

    Each switch from a wiping test back to a corpus user costs a re-ingest of the corpus, so
    grouping the two kinds keeps that to (at most) once per session. Other tests keep their places.
    """
    here = Path(__file__).parent
    slots = [index for index, item in enumerate(items) if here in Path(str(item.path)).parents]
    ordered = sorted(
        (items[i] for i in slots), key=lambda item: "corpus_graph" not in getattr(item, "fixturenames", ())
    )
    for index, item in zip(slots, ordered, strict=True):
        items[index] = item


@pytest.fixture(scope="session")
def corpus_graph(driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    """A driver onto a graph holding exactly data/corpus (614 papers), extracted by the real extractor if importable.

    Built once per session and reused across runs of a kept server (a cheap count check decides).
    Tests that wipe the graph (`empty_graph`) may run in between: the autouse fixture
    `_corpus_graph_rechecked` re-checks before every test that uses `corpus_graph` (directly or
    through another fixture) and re-ingests when the corpus is no longer there.
    """
    from tests.integration.corpus import ensure_corpus

    ensure_corpus(driver, neo4j_settings, tmp_path_factory.mktemp("corpus"))
    return driver


@pytest.fixture(autouse=True)
def _corpus_graph_rechecked(request: pytest.FixtureRequest) -> None:
    """Re-ingest the corpus for a `corpus_graph` user when an earlier test wiped or changed the graph."""
    if "corpus_graph" not in request.fixturenames:
        return
    from tests.integration.corpus import ensure_corpus

    tmp = request.getfixturevalue("tmp_path_factory").mktemp("corpus-recheck")
    ensure_corpus(request.getfixturevalue("driver"), request.getfixturevalue("neo4j_settings"), tmp)


@pytest.fixture
def analyzed_graph(corpus_graph: Driver, neo4j_settings: Settings) -> Driver:
    """The corpus graph with one completed `kg analyze` run current (run once, re-run only when none is current)."""
    from tests.integration.analysis import ensure_analysis

    ensure_analysis(corpus_graph, neo4j_settings)
    return corpus_graph
