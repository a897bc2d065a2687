"""`kg analyze` (topics, citations, contradictions as a new current run) and `kg export DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.common import connected, console, load_settings, progress, status
from kg.cli.help import PlainCommand

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
    from rich.table import Table

    from kg.analytics.runs import RunOutcome


class _BarReporter:
    """One progress bar per stage."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            done = self.progress.tasks[-1]
            self.progress.update(self.task, total=done.total or 1, completed=done.total or 1)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, amount: int) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)


def analyze_command(
    resolution: Annotated[
        float | None,
        typer.Option(
            min=0.01,
            metavar="R",
            help="Topic resolution, higher gives more and smaller topics (default: KG_TOPIC_RESOLUTION).",
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option(metavar="N", help="Random seed of community detection (default: KG_SEED).")
    ] = None,
    supports_per_claim: Annotated[
        int, typer.Option(min=0, metavar="N", help="SUPPORTS links kept per claim (its strongest).")
    ] = 3,
    fresh_topics: Annotated[
        bool,
        typer.Option(
            "--fresh-topics", help="Compute topics from scratch instead of starting from the current run's topics."
        ),
    ] = False,
    if_changed: Annotated[
        bool,
        typer.Option("--if-changed", help="Skip the run when the current one read this same graph with these options."),
    ] = False,
) -> None:
    """Analyse the graph as a new run: topics, inferred citations, contradictions, scores, trends.

    Topics start from the current run's topics, so adding papers moves only the papers they touch;
    topics keep their numbers. The previous run stays current (and readable) until this one has fully
    written its results.
    """
    from kg.analytics.pipeline import AnalysisParams  # networkx and numpy load only when a command needs them
    from kg.analytics.runs import run_analysis

    settings = load_settings()
    params = AnalysisParams(
        resolution=resolution if resolution is not None else settings.topic_resolution,
        seed=seed if seed is not None else settings.seed,
        supports_per_claim=supports_per_claim,
        seeded_topics=not fresh_topics,
    )
    with connected(settings) as driver, _progress() as bar:
        outcome = run_analysis(
            driver,
            settings.neo4j_database,
            params,
            batch_size=settings.batch_size,
            reporter=_BarReporter(bar),
            if_changed=if_changed,
        )
    if outcome.skipped:
        console.print(f"the graph is unchanged since analysis run {outcome.run_id}; it stays current (no new run)")
        return
    console.print(outcome_table(outcome))


def outcome_table(outcome: RunOutcome) -> Table:
    from rich.table import Table

    table = Table(title=f"analysis run {outcome.run_id} (current)", show_header=False)
    for key, value in outcome.summary.items():
        if isinstance(value, list) and value:
            table.add_row(key, f"{len(value)}: {value[0]} … {value[-1]}")
        elif key != "seconds":
            table.add_row(key, str(value))
    for stage, seconds in outcome.seconds.items():
        table.add_row(f"seconds: {stage}", f"{seconds:.2f}")
    if outcome.abandoned_runs_marked:
        table.add_row("abandoned runs marked failed", str(outcome.abandoned_runs_marked))
    return table


def export_command(
    directory: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder to write the export files into (created if missing).")
    ],
    min_confidence: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            metavar="C",
            help="Claim links at or above this confidence (default: judged precision >= 0.8; 0: all).",
        ),
    ] = None,
) -> None:
    """Write the current run as JSON Lines (papers, topics, citations, contradictions, ...) and GraphML."""
    from kg.analytics.export import export_run

    settings = load_settings()
    with connected(settings) as driver, status("exporting ..."):
        counts = export_run(driver, settings.neo4j_database, directory, min_confidence=min_confidence)
    from rich.table import Table

    table = Table(title=f"exported to {directory}", show_header=False)
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)


def _progress() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn

    return progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
    )


def register(app: typer.Typer) -> None:
    """Adds this module's commands to `app`."""
    app.command("analyze", cls=PlainCommand)(analyze_command)
    app.command("export", cls=PlainCommand)(export_command)
