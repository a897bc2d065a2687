"""`kg neo4j start|stop|status`: the local Neo4j server."""

from __future__ import annotations

import typer

from kg.cli.common import CONTEXT, console, load_settings
from kg.cli.common import status as showing_status
from kg.cli.help import PlainCommand

neo4j_app = typer.Typer(
    help="Run a local Neo4j 5.26 Community server (no Docker needed).",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings=CONTEXT,
)


@neo4j_app.command(cls=PlainCommand)
def start() -> None:
    """Fetch Neo4j from Maven Central (once), start it and wait until Bolt answers."""
    from kg.neo4j_local import LocalNeo4j

    settings = load_settings()
    server = LocalNeo4j(settings)
    if not settings.manages_local_neo4j:
        console.print(server.status().describe())
        return
    if not server.is_fetched():
        with showing_status(f"fetching Neo4j {settings.neo4j_version} from Maven Central ..."):
            server.fetch()
    with showing_status("starting Neo4j ..."):
        status = server.start()
    console.print(status.describe())


@neo4j_app.command(cls=PlainCommand)
def stop() -> None:
    """Stop the local server cleanly."""
    from kg.neo4j_local import LocalNeo4j

    server = LocalNeo4j(load_settings())
    console.print("stopped local Neo4j" if server.stop() else "local Neo4j was not running")


@neo4j_app.command(cls=PlainCommand)
def status() -> None:
    """Say what runs where; exit status 1 when the local server is not running."""
    from kg.neo4j_local import LocalNeo4j

    state = LocalNeo4j(load_settings()).status()
    console.print(state.describe())
    if state.managed and not state.running:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
