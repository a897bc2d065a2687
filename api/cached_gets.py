"""Cached `GET /graphql` answers served before routing, parsing or validation.

A `GET` whose answer the endpoint cached (`api/http.py` keeps complete answers of queries under the
graph version and the raw query string of the URL) is answered here, as the endpoint would answer
it: same body, `ETag`, `Cache-Control` and `Vary` headers, `304` on a matching `If-None-Match`.
Everything else (a miss, another method or path, an `Accept` that needs negotiating away from JSON
or asks for GraphiQL) goes on to the app unchanged. It sits inside the CORS middleware, so a
browser on an allowed origin gets the same CORS headers either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from api.cache import ResponseCache, VersionClock

if TYPE_CHECKING:
    from api.http import GraphQLHTTP


class CachedGets:
    """ASGI middleware answering cache hits of `GET /graphql` (see the module's docstring)."""

    def __init__(self, app: ASGIApp, endpoint: GraphQLHTTP) -> None:
        self.app = app
        self.endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        is_get = scope["type"] == "http" and scope["method"] == "GET" and scope["path"] == "/graphql"
        if not (is_get and await self._answered(scope, send)):
            await self.app(scope, receive, send)

    async def _answered(self, scope: Scope, send: Send) -> bool:
        cache, query_string = self.endpoint.cache, scope["query_string"]
        if cache is None or not query_string:
            return False
        headers = dict(scope["headers"])
        accept = headers.get(b"accept", b"").decode("latin-1")
        media = self.endpoint.media_type(accept)
        if media is None or "text/html" in accept:  # 406, or maybe GraphiQL: the endpoint decides
            return False
        clock: VersionClock = scope["app"].state.clock
        version = await clock.current()
        found = cache.get(ResponseCache.url_key(version, query_string)) if version is not None else None
        if found is None:
            return False
        fresh = [(name.lower().encode(), value.encode()) for name, value in found.validators().items()]
        if found.held_by(headers.get(b"if-none-match", b"").decode("latin-1")):
            await send({"type": "http.response.start", "status": 304, "headers": fresh})
            await send({"type": "http.response.body", "body": b""})
            return True
        content = [(b"content-type", f"{media}; charset=utf-8".encode()), (b"content-length", b"%d" % len(found.body))]
        await send({"type": "http.response.start", "status": 200, "headers": content + fresh})
        await send({"type": "http.response.body", "body": found.body})
        return True
