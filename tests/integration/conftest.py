"""The one way integration tests reach a real Neo4j (never a mock).

In order of preference:
1. `KG_TEST_NEO4J_URI` (with `KG_TEST_NEO4J_USER`, default `neo4j`, and `KG_TEST_NEO4J_PASSWORD`) when set: a
   server set aside for the tests. `KG_NEO4J_URI`, the variable that points `kg` at a user's own Neo4j, is
   never read by the tests (`tests/conftest.py` drops every `KG_NEO4J_*` variable at start).
2. A testcontainers `neo4j:5.26-community` container when a Docker engine answers.
3. Otherwise the project's own local server (`kg.neo4j_local`), in `.kg/test` (`KG_TEST_HOME`) on its own ports
   (`KG_TEST_NEO4J_BOLT_PORT`, default 7688; `KG_TEST_NEO4J_HTTP_PORT`, default 7475), started fresh
   for the session and stopped at its end (`KG_TEST_KEEP_NEO4J=1` keeps it running for the next run).

Every database the tests write to is claimed first (`claim_for_tests`): an empty one gets the suite's
marker (an index named `kg_test_suite_marker`, invisible to node and label counts); one that holds data
but no marker is refused, so the tests never wipe data they did not create.
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
from pydantic import SecretStr

from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.db import open_driver

REPO = Path(__file__).resolve().parents[2]
TEST_HOME = Path(os.environ.get("KG_TEST_HOME", REPO / ".kg" / "test")).resolve()

pytestmark = pytest.mark.integration

TEST_MARKER_INDEX = "kg_test_suite_marker"
MARK_AS_TEST_DATABASE = f"CREATE INDEX {TEST_MARKER_INDEX} IF NOT EXISTS FOR (n:KgTestSuiteMarker) ON (n.created)"


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


def _outside_test_settings() -> Settings:
    password = os.environ.get("KG_TEST_NEO4J_PASSWORD")
    return Settings(
        neo4j_uri=os.environ["KG_TEST_NEO4J_URI"],
        neo4j_user=os.environ.get("KG_TEST_NEO4J_USER", "neo4j"),
        neo4j_password=SecretStr(password) if password else None,
    )


def _start_local() -> tuple[Settings, LocalNeo4j, bool]:
    settings = _local_test_settings()
    server = LocalNeo4j(settings)
    if server.status().running and settings.neo4j_password is not None:
        _mark_own_server(settings)
        return settings, server, False
    server.stop()
    shutil.rmtree(TEST_HOME, ignore_errors=True)
    TEST_HOME.mkdir(parents=True)
    password = secrets.token_urlsafe(18)
    (TEST_HOME / "password").write_text(password)
    settings = _local_test_settings()
    server = LocalNeo4j(settings)
    server.start()
    _mark_own_server(settings)
    return settings, server, True


def _mark_own_server(settings: Settings) -> None:
    """The server in `TEST_HOME` is the suite's own (it made its password): mark it, whatever it holds."""
    with open_driver(settings) as driver, driver.session(database=settings.neo4j_database) as session:
        session.run(MARK_AS_TEST_DATABASE).consume()


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings that point at a real, running Neo4j for this test session."""
    if os.environ.get("KG_TEST_NEO4J_URI"):
        yield _outside_test_settings()
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
    try:
        claim_for_tests(driver, neo4j_settings.neo4j_database)
    except ForeignDatabaseError as refused:
        driver.close()
        pytest.exit(str(refused), returncode=2)
    yield driver
    driver.close()


class ForeignDatabaseError(RuntimeError):
    """The database holds data the test suite did not create."""


def claim_for_tests(driver: Driver, database: str = "neo4j") -> None:
    """Mark an empty database as the test suite's; refuse one that holds data and no marker."""
    with driver.session(database=database) as session:
        marked = session.run("SHOW INDEXES YIELD name WHERE name = $name RETURN name", name=TEST_MARKER_INDEX).peek()
        if marked is not None:
            return
        if session.run("MATCH (n) RETURN 1 LIMIT 1").peek() is not None:
            raise ForeignDatabaseError(
                f"refusing to use database {database!r} for tests: it holds data and not the test suite's marker "
                f"(index {TEST_MARKER_INDEX!r}); point KG_TEST_NEO4J_URI at a server set aside for the tests"
            )
        session.run(MARK_AS_TEST_DATABASE).consume()


def wipe(driver: Driver, database: str = "neo4j") -> None:
    """Delete every node and relationship (in batches), keeping constraints and indexes; only in a claimed database."""
    claim_for_tests(driver, database)
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
