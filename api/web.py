"""The explorer page and GraphiQL's bundles, served from the `api` package's static files.

`make frontend` (part of `make demo`, `make test` and the Dockerfile) builds both into `api/static/`:
the explorer at `explorer/` (served at `/`, every app route falling back to its `index.html`) and the
GraphiQL bundles strawberry's GraphiQL page names, at `graphiql/<package>@<version>/…` (served at
`/graphiql-assets/`). Nothing loads from a CDN; without a build, `/` and `/graphql` in a browser
say how to build instead of showing a blank page.
"""

from __future__ import annotations

import os
import re
from os import PathLike
from pathlib import Path

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope
from strawberry.http.ides import get_graphql_ide_html

STATIC = Path(__file__).resolve().parent / "static"
EXPLORER = STATIC / "explorer"
GRAPHIQL = STATIC / "graphiql"
GRAPHIQL_PREFIX = "/graphiql-assets/"
APP_ROUTES = ("/", "/search", "/paper/{rest:path}", "/contradictions", "/entity/{rest:path}", "/topics")
_CDN_ASSET = re.compile(r"https://unpkg\.com/([^\"'\s]+)")
NOT_BUILT = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{what} is not built</title></head>"
    "<body><h1>{what} is not built</h1><p>Run <code>make frontend</code> (needs Node.js and npm) and restart "
    "<code>kg serve</code>.</p></body></html>"
)


class ImmutableFiles(StaticFiles):
    """Files whose names change with their content (hashed or versioned): cached for a year."""

    def file_response(
        self, full_path: PathLike[str] | str, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def mount_explorer(app: FastAPI) -> None:
    """The explorer at `/` and its routes, its assets at `/assets`, GraphiQL's at `/graphiql-assets`."""
    app.mount("/assets", ImmutableFiles(directory=EXPLORER / "assets", check_dir=False), name="explorer-assets")
    app.mount(GRAPHIQL_PREFIX.rstrip("/"), ImmutableFiles(directory=GRAPHIQL, check_dir=False), name="graphiql-assets")
    for route in APP_ROUTES:
        app.add_api_route(route, explorer_index, methods=["GET"], include_in_schema=False)


async def explorer_index(request: Request) -> Response:
    """The single-page app's index for every app route (its router picks the page from the URL)."""
    index = EXPLORER / "index.html"
    if not index.is_file():
        return HTMLResponse(NOT_BUILT.format(what="The explorer"), status_code=503)
    return FileResponse(index, headers={"Cache-Control": "no-cache"})


def graphiql_assets() -> list[str]:
    """The `<package>@<version>/<path>` of every bundle strawberry's GraphiQL page loads from the CDN."""
    return _CDN_ASSET.findall(get_graphql_ide_html("graphiql"))


def graphiql_html() -> str:
    """Strawberry's GraphiQL page, loading its bundles from this server (same files, same SRI hashes)."""
    missing = [asset for asset in graphiql_assets() if not (GRAPHIQL / asset).is_file()]
    if missing:
        return NOT_BUILT.format(what="GraphiQL")
    return _CDN_ASSET.sub(lambda match: GRAPHIQL_PREFIX + match.group(1), get_graphql_ide_html("graphiql"))
