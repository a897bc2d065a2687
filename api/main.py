"""The FastAPI app: one Neo4j driver for its lifetime (and, when mutations are on, one extractor), GraphQL at
`/graphql`, health and readiness probes, the explorer page at `/`."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from api.cache import VersionClock
from api.cached_gets import CachedGets
from api.graphql.dataloaders import call_reader
from api.graphql.errors import as_api_error
from api.graphql.schema import build_schema
from api.http import GraphQLHTTP
from api.web import mount_explorer
from api.writes import Writes
from kg.settings import Settings
from kg.store.db import describe, open_driver
from kg.store.reads import GraphReader


def api_driver_settings(settings: Settings) -> Settings:
    """The settings the API's driver uses: short connection timeouts, so a dead Neo4j fails fast."""
    return settings.model_copy(update={"neo4j_connect_timeout": settings.api_neo4j_connect_timeout})


def mutations_enabled(settings: Settings) -> bool:
    return settings.api_key is not None and bool(settings.api_key.get_secret_value())


def create_app(settings: Settings) -> FastAPI:
    """The app for `settings`; it starts even when Neo4j is down (`/readyz` says so)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(api_driver_settings(settings), verify=False)
        reader = GraphReader(driver, settings.neo4j_database, timeout=settings.api_request_timeout)
        app.state.reader = reader
        app.state.clock = VersionClock(reader.graph_version)
        app.state.writes = Writes.load(driver, settings) if mutations_enabled(settings) else None
        gc.freeze()  # what startup built lives as long as the process: full collections skip it
        try:
            yield
        finally:
            app.state.clock.close()
            driver.close()

    app = FastAPI(title="kg research graph", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    graphql = app.state.graphql = GraphQLHTTP(build_schema(settings), settings)
    if graphql.cache is not None:  # added first, so that the CORS middleware wraps it
        app.add_middleware(CachedGets, endpoint=graphql)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "X-API-Key"],
            max_age=600,
        )
    app.add_route("/graphql", graphql.handle, methods=["GET", "POST"])
    app.add_api_route("/healthz", healthz, methods=["GET"])
    app.add_api_route("/readyz", readyz, methods=["GET"])
    mount_explorer(app)
    return app


async def healthz() -> dict[str, str]:
    """The process is alive (says nothing about Neo4j)."""
    return {"status": "ok"}


async def readyz(request: Request) -> JSONResponse:
    """Neo4j answers a trivial read within the request timeout: 200, else 503."""
    reader: GraphReader = request.app.state.reader
    try:
        await call_reader(reader.timeout, reader.ping)
    except Exception as exc:
        known = as_api_error(exc)
        reason = str(known) if known else describe(exc)
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    return JSONResponse({"status": "ready"})


def app_from_environment() -> FastAPI:
    """The app factory for `kg serve --workers N`: each worker process is a composition root."""
    return create_app(Settings())
