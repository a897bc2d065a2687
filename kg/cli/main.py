"""The `kg` command: one Typer app, one short module per group of subcommands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kg import __version__
from kg.cli import analyze, bulk, extract, ingest, neo4j, report, serve
from kg.cli.common import CONTEXT, OUTPUT, console, err_console
from kg.errors import KgError

app = typer.Typer(
    name="kg",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,  # plain help: no boxes, no type hints like <bool>, paragraphs rewrapped
    context_settings=CONTEXT,
)

for module in (neo4j, ingest, bulk, extract, analyze, serve, report):
    module.register(app)


def _print_version(value: bool) -> None:
    if value:
        console.print(f"kg {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no 'doing ...' lines: results and errors only.")
    ] = False,
) -> None:
    """Turn ML paper abstracts into a Neo4j knowledge graph, analyse it, serve it and report on it.

    Exit status: 0 success; 1 some records rejected, a job failed, or a setting is missing; 2 unusable
    arguments; 3 Neo4j unavailable; 4 Neo4j refused the credentials; 5 the port to serve on is taken.
    """
    OUTPUT.quiet = quiet


def main() -> None:
    """Console entry point: a `KgError` becomes one red line and its exit status, never a traceback."""
    try:
        code = app(standalone_mode=False, prog_name="kg")  # with standalone_mode off, click returns typer.Exit's code
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
