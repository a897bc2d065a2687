"""`kg serve`: the GraphQL API (FastAPI on uvicorn) over the graph that ingestion and analysis wrote."""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING

import typer

from kg.cli.common import console, err_console, load_settings
from kg.cli.help import PlainCommand
from kg.errors import ConfigError, Neo4jUnavailable, PortInUse

if TYPE_CHECKING:
    from kg.settings import Settings


def serve(
    host: str | None = typer.Option(
        None, "--host", metavar="HOST", help="Interface to listen on (default: KG_API_HOST, 127.0.0.1)."
    ),
    port: int | None = typer.Option(
        None, "--port", metavar="PORT", help="Port to listen on (default: KG_API_PORT, 8000)."
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, metavar="N", help="Processes serving requests (one driver each)."
    ),
) -> None:
    """Serve GraphQL at /graphql (GraphiQL in a browser), with /healthz and /readyz.

    Exit status: 5 when the port is taken; 1 when a setting is missing. The API starts while Neo4j is
    down (a warning says so; /readyz answers 503 until Neo4j answers).
    """
    import uvicorn

    from kg.store.db import open_driver

    settings = load_settings()
    open_driver(settings, verify=False).close()  # configuration errors as one line, before uvicorn starts
    bind_host = host or settings.api_host
    bind_port = port or settings.api_port
    check_port_free(bind_host, bind_port)
    warn_unless_neo4j_answers(settings)
    console.print(f"GraphQL API on http://{bind_host}:{bind_port}/graphql (Neo4j {settings.bolt_uri})")
    options = {"host": bind_host, "port": bind_port, "log_level": "warning", "access_log": False}
    if workers == 1:
        from api.main import create_app

        uvicorn.run(create_app(settings), **options)  # type: ignore[arg-type]
    else:  # each worker process reads the same environment once (api.main.app_from_environment)
        # Spawned workers re-import the `kg` entry point first, which takes seconds on a busy machine.
        uvicorn.run(
            "api.main:app_from_environment",
            factory=True,
            workers=workers,
            timeout_worker_healthcheck=60,
            **options,  # type: ignore[arg-type]
        )


def check_port_free(host: str, port: int) -> None:
    """Raise `PortInUse` when something already listens on `host:port` (before anything is announced)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(
                    f"cannot serve on {host}:{port}: the port is in use; choose another with --port (or KG_API_PORT)"
                ) from None
            raise ConfigError(f"cannot serve on {host}:{port}: {exc.strerror}") from None


def warn_unless_neo4j_answers(settings: Settings) -> None:
    """One warning line when Neo4j does not answer now (one quick attempt); serving starts anyway."""
    from kg.store.db import open_driver

    quick = settings.model_copy(
        update={"neo4j_retries": 1, "neo4j_connect_timeout": min(settings.neo4j_connect_timeout, 2.0)}
    )
    try:
        open_driver(quick).close()
    except Neo4jUnavailable as exc:
        err_console.print(
            f"warning: {exc}; serving anyway, /readyz answers 503 until it answers", highlight=False, markup=False
        )


def register(app: typer.Typer) -> None:
    """Adds this module's commands to `app`."""
    app.command("serve", cls=PlainCommand)(serve)
