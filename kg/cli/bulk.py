"""`kg bulk-import EXTRACTED.jsonl...`: a first load of the empty local database with Neo4j's offline importer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import console, err_console, load_settings, plural, progress
from kg.cli.help import PlainCommand


def bulk_import_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="What `kg extract` wrote (JSON Lines, .gz allowed).")
    ],
    keep_csv: Annotated[
        Path | None,
        typer.Option("--keep-csv", metavar="DIR", help="Write the CSV files into DIR and keep them (for inspection)."),
    ] = None,
) -> None:
    """Load `kg extract` output into the EMPTY local database with `neo4j-admin database import full`.

    The local server is stopped for the import and started after it; then the schema is created.
    The graph equals what `kg ingest` writes for the same papers. Refuses a remote KG_NEO4J_URI and a
    database that holds anything.

    Exit status: 0 loaded; 1 refused or the import failed; 2 unusable arguments; 3 Neo4j unavailable.
    """
    from kg.ingest.bulk import bulk_import, refuse_remote
    from kg.store.db import driver_errors_translated

    settings = load_settings()
    refuse_remote(settings)
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} papers"))
    with progress(*columns, TimeElapsedColumn()) as bar, driver_errors_translated(settings.bolt_uri):
        task = bar.add_task("bulk import", total=None)

        def tell(phase: str, papers: int) -> None:
            bar.update(task, description=phase, advance=papers)

        summary = bulk_import(settings, paths, work_dir=keep_csv, keep_csv=keep_csv is not None, progress=tell)
    seconds = ", ".join(f"{name} {value:.1f} s" for name, value in summary.seconds.items())
    console.print(
        f"loaded {plural(summary.papers, 'paper')}: {plural(summary.nodes, 'node')}, "
        f"{plural(summary.relationships, 'relationship')} in {summary.load_seconds:.1f} s ({seconds})"
    )
    if summary.duplicates:
        err_console.print(f"{plural(summary.duplicates, 'repeated paper id')} skipped (the first record loaded)")


def register(app: typer.Typer) -> None:
    """Adds this module's commands to `app`."""
    app.command("bulk-import", cls=PlainCommand)(bulk_import_command)
