"""Serve a folder (the Browser guide, or the reports) over HTTP on localhost, readable by Neo4j Browser.

Neo4j Browser fetches `:guide URL` content with the page's own origin, so the answer needs an
`Access-Control-Allow-Origin` header; Python's plain `http.server` sends none. Only GET and HEAD,
only the one folder, bound to 127.0.0.1 by default.
"""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _CorsHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_OPTIONS(self) -> None:
        """The CORS preflight a browser sends before a fetch with custom headers."""
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the CLI says where it serves


def folder_server(folder: Path, *, host: str = "127.0.0.1", port: int = 8001) -> ThreadingHTTPServer:
    """A server (not yet started: call `serve_forever`) for the files under `folder`."""
    handler = functools.partial(_CorsHandler, directory=str(folder))
    return ThreadingHTTPServer((host, port), handler)
