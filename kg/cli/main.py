"""The `kg` command: one Typer app, one short module per group of subcommands."""

from __future__ import annotations

import sys

import typer

from kg.cli import analyze, extract, ingest, neo4j, report, serve
from kg.cli.common import err_console
from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Turn ML paper abstracts into a Neo4j knowledge graph, analyse it, serve it and report on it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for module in (neo4j, ingest, extract, analyze, serve, report):
    module.register(app)


def main() -> None:
    """Console entry point: a `KgError` becomes one red line and its exit status, never a traceback."""
    try:
        code = app(standalone_mode=False)  # with standalone_mode off, click returns typer.Exit's code
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # click usage errors and the like
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):  # click's, or typer's vendored click's, usage errors
            show()
            sys.exit(code)
        raise
