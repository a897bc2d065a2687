"""`kg serve`: the GraphQL API (FastAPI on uvicorn) over the graph that ingestion and analysis wrote."""

from __future__ import annotations

import typer

from kg.cli.common import console, load_settings


def serve(
    host: str | None = typer.Option(None, "--host", help="Interface to listen on (default: KG_API_HOST, 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", help="Port to listen on (default: KG_API_PORT, 8000)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes serving requests (one driver each)."),
) -> None:
    """Serve GraphQL at /graphql (GraphiQL in a browser), with /healthz and /readyz."""
    import uvicorn

    from kg.store.db import open_driver

    settings = load_settings()
    open_driver(settings, verify=False).close()  # configuration errors as one line, before uvicorn starts
    bind_host = host or settings.api_host
    bind_port = port or settings.api_port
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


def register(app: typer.Typer) -> None:
    """Adds this module's commands to `app`."""
    app.command("serve")(serve)
