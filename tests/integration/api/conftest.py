"""The real app (FastAPI + strawberry) against the real test Neo4j holding the corpus.

`live_server` runs the app under uvicorn on a free port in a background thread (lifespan included:
one driver); `client` is an httpx client onto it; `gql` posts one GraphQL document and returns the
decoded JSON body.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from neo4j import Driver
from pydantic import SecretStr

from api.main import create_app
from kg.settings import Settings

API_KEY = "test-key-3f9a"


@pytest.fixture(autouse=True)
def _graph(corpus_graph: Driver, analyzed_graph: Driver) -> Driver:
    """Every API test reads the analysed corpus graph (re-ingested, re-analysed if an earlier test emptied it)."""
    return analyzed_graph


@pytest.fixture(scope="session")
def api_settings(neo4j_settings: Settings) -> Settings:
    return neo4j_settings.model_copy(
        update={"api_key": SecretStr(API_KEY), "cors_origins": ["http://localhost:5173"], "max_page_size": 100}
    )


@pytest.fixture(scope="session")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as http:
        yield http


def post(client: httpx.Client, query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def gql(client: httpx.Client) -> Any:
    def run(query: str, variables: dict[str, Any] | None = None, **headers: str) -> Any:
        return post(client, query, variables, **headers)

    return run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The app under uvicorn in a background thread."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.app: FastAPI = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(api_settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(api_settings) as server:
        yield server
