"""`kg ingest PATH...` (papers into Neo4j, with extraction) and `kg stats` (what the graph holds)."""

from __future__ import annotations

import itertools
import json
import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import connected, console, err_console, load_settings, plural, progress, status
from kg.cli.help import PlainCommand
from kg.errors import ConfigError, InputError
from kg.model import Reject

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.table import Table

    from kg.ingest.engines import DaskEngine
    from kg.ingest.pipeline import Extract, IngestSummary
    from kg.settings import Settings

SHOWN_REJECTS = 5


def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Listing pages (.txt), JSON Lines files or folders of them.")
    ],
    rejects: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Where to write rejected records (default: KG_REJECTS_FILE or <data dir>/rejects.jsonl).",
        ),
    ] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Write papers only, skip entity/result/claim extraction.")
    ] = False,
    batch_size: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Papers per write transaction (default: KG_BATCH_SIZE).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="Extraction processes (1: in this process; the cores of the machine at most)."
        ),
    ] = 1,
    engine: Annotated[
        str,
        typer.Option(
            metavar="local|dask", help="local (this machine) or dask (extraction and its writes on Dask workers)."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(metavar="URL", help="Dask scheduler address (tcp://host:8786); without it, a local cluster."),
    ] = None,
) -> None:
    """Read papers, extract entities, results and claims, and write them to Neo4j (idempotent).

    Exit status: 0 all records landed; 1 some records were rejected (the rest landed, reasons in the
    rejects file); 2 unusable arguments; 3 Neo4j unavailable.
    """
    from kg.ingest.pipeline import ingest  # the driver loads only for commands that use it

    settings = load_settings()
    check_paths(paths)
    started = time.monotonic()
    if engine not in ("local", "dask"):
        raise InputError(f"--engine {engine}: use local or dask")
    version: str | None
    runner: DaskEngine | None
    with ExitStack() as stack:
        if engine == "dask" and not no_extract:
            extract, version, runner = None, *dask_engine(settings, workers, address, stack)
        else:
            extract, version = (None, None) if no_extract else load_extract(workers, stack)
            runner = None
        driver = stack.enter_context(connected(settings))
        bar = stack.enter_context(_progress())
        task = bar.add_task("ingesting", total=None)
        summary = ingest(
            driver,
            settings,
            paths,
            extract,
            progress=lambda n: bar.advance(task, n),
            extractor_version=version,
            rejects=rejects,
            batch_size=batch_size,
            engine=runner,
        )
    console.print(summary_table(summary))
    sources = plural(len(summary.sources), "source")
    console.print(f"{plural(summary.papers, 'distinct paper')} from {sources} in {time.monotonic() - started:.1f} s")
    if summary.rejected:
        for reject in first_rejects(summary):
            err_console.print(f"rejected: {reject.reason}", highlight=False, markup=False, soft_wrap=True)
        err_console.print(f"{plural(summary.rejected, 'record')} rejected; reasons in {summary.rejects_file}")
        raise typer.Exit(1)


def check_paths(paths: list[Path]) -> None:
    """Some missing paths are rejects (the rest is still ingested); none usable at all is an argument error."""
    if not any(path.exists() for path in paths):
        raise InputError(f"no such file or folder: {', '.join(str(path) for path in paths)}")


def load_extract(workers: int = 1, stack: ExitStack | None = None) -> tuple[Extract, str]:
    """The extractor's `extract_many` and version; a missing extractor is an error (`--no-extract` skips it).

    With `workers` > 1 the extraction runs in that many processes, closed when `stack` closes.
    """
    try:
        from extractors.pipeline import load_extractor
    except ImportError as exc:
        raise ConfigError(
            f"the extractor cannot be loaded ({exc}); reinstall with `make install`, or pass --no-extract"
        ) from None
    if workers > 1 and stack is not None:
        from extractors.parallel import ParallelExtractor

        pool = stack.enter_context(ParallelExtractor(workers))
        return pool.extract_many, pool.version
    with status("loading the extractor ..."):
        extractor = load_extractor()
    return extractor.extract_many, extractor.version


def dask_engine(settings: Settings, workers: int, address: str | None, stack: ExitStack) -> tuple[str, DaskEngine]:
    """The extractor's version and a Dask engine (local cluster of `workers`, or the one at `address`)."""
    from extractors.pipeline import RULES_VERSION, load_extractor
    from extractors.resources import data_fingerprint
    from kg.ingest.engines import DaskEngine

    with console.status("starting the Dask workers ..."):
        runner = stack.enter_context(DaskEngine(settings, load_extractor, address=address, workers=workers))
    return f"{RULES_VERSION}+{data_fingerprint()}", runner


def first_rejects(summary: IngestSummary, count: int = SHOWN_REJECTS) -> list[Reject]:
    """The first few rejects of the run, read back from the rejects file (which may be long)."""
    if summary.rejects_file is None or not summary.rejects_file.exists():
        return []
    with summary.rejects_file.open(encoding="utf-8") as handle:
        return [Reject(**json.loads(line)) for line in itertools.islice(handle, count)]


def summary_table(summary: IngestSummary) -> Table:
    from rich.table import Table

    table = Table()
    table.add_column("records")
    table.add_column("count", justify="right")
    for name in ("new", "updated", "unchanged", "duplicate", "rejected", "extracted"):
        table.add_row(name, str(getattr(summary, name)))
    return table


def _progress() -> Progress:
    from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn

    return progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} records"),
        TimeElapsedColumn(),
    )


def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False) -> None:
    """Node counts by label and relationship counts by type."""
    from kg.store.stats import graph_stats

    settings = load_settings()
    with connected(settings) as driver:
        counts = graph_stats(driver, settings.neo4j_database)
    from rich.table import Table

    if as_json:
        console.print_json(json.dumps(counts.as_dict()))
        return
    for title, rows in (("nodes", counts.nodes), ("relationships", counts.relationships)):
        table = Table(title=title)
        table.add_column("label" if title == "nodes" else "type")
        table.add_column("count", justify="right")
        for name, count in rows.items():
            table.add_row(name, f"{count:,}")
        console.print(table)


def register(app: typer.Typer) -> None:
    """Adds `kg ingest` and `kg stats` to `app`."""
    app.command("ingest", cls=PlainCommand)(ingest_command)
    app.command("stats", cls=PlainCommand)(stats)
