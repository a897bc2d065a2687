"""`kg extract PATH... -o FILE.jsonl`: entities, results and claims as JSON Lines, no database needed.

`-o -` writes to standard output (progress and messages go to standard error).

One JSON object per distinct paper (the format `../shared/eval/score.py` reads; see docs/extraction.md).
Rejected records are reported on stderr with their file and line; the good ones are still written,
and the exit status is then 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import tee
from pathlib import Path
from typing import Annotated, TextIO

import typer

from kg.cli.common import OUTPUT, err_console, plural, progress
from kg.cli.help import PlainCommand
from kg.errors import InputError
from kg.model import Extraction, Paper, Reject


@dataclass(slots=True)
class ExtractSummary:
    written: int = 0
    rejected: int = 0


def distinct_papers(items: Iterable[Paper | Reject], on_reject: Callable[[Reject], None]) -> Iterator[Paper]:
    """Each paper once (first occurrence); every reject goes to `on_reject` as it is met."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Reject):
            on_reject(item)
        elif item.id not in seen:
            seen.add(item.id)
            yield item


def extract_to_jsonl(
    paths: list[Path],
    out: TextIO,
    *,
    n_process: int = 1,
    workers: int = 1,
    batch_size: int = 256,
    on_reject: Callable[[Reject], None] = lambda reject: None,
    on_written: Callable[[int], None] = lambda n: None,
) -> ExtractSummary:
    """Streams papers from `paths` through the extractor into `out`; memory does not grow with the input.

    `workers` > 1 extracts in that many processes (chunks of `batch_size` papers per worker), in order.
    """
    from extractors.export import to_record
    from kg.ingest import read_papers

    summary = ExtractSummary()

    def count_reject(reject: Reject) -> None:
        summary.rejected += 1
        on_reject(reject)

    papers = distinct_papers(read_papers(paths), count_reject)
    with ExitStack() as stack:
        for paper, extraction in extracted(papers, stack, n_process=n_process, workers=workers, batch_size=batch_size):
            out.write(json.dumps(to_record(paper, extraction), ensure_ascii=False) + "\n")
            summary.written += 1
            on_written(1)
    return summary


def extracted(
    papers: Iterator[Paper], stack: ExitStack, *, n_process: int, workers: int, batch_size: int
) -> Iterator[tuple[Paper, Extraction]]:
    """Each paper with its extraction, in order; a worker pool (closed with `stack`) when `workers` > 1."""
    if workers > 1:
        from extractors.parallel import ParallelExtractor

        pool = stack.enter_context(ParallelExtractor(workers))
        for chunk in chunked(papers, batch_size * workers):
            yield from zip(chunk, pool.extract_many(chunk), strict=True)
        return
    from extractors.pipeline import load_extractor

    to_extract, to_write = tee(papers)
    extractions = load_extractor().extract_many(to_extract, batch_size=batch_size, n_process=n_process)
    yield from zip(to_write, extractions, strict=True)


def chunked(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    chunk: list[Paper] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def print_reject(reject: Reject) -> None:
    """One line; the reason names the file (as given) and the line already."""
    err_console.print(f"rejected: {reject.reason}", highlight=False, markup=False)


def extract_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Listing pages (.txt), JSON Lines files or folders of them.")
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", metavar="FILE", help="The JSON Lines file to write (- for standard output)."),
    ],
    n_process: Annotated[int, typer.Option("--n-process", min=1, metavar="N", help="spaCy worker processes.")] = 1,
    workers: Annotated[
        int, typer.Option("--workers", min=1, metavar="N", help="Extraction processes (each loads the pipeline once).")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, metavar="N", help="Texts per nlp.pipe batch.")
    ] = 256,
) -> None:
    """Extract entities, results and claims from papers into JSON Lines (no database needed).

    Exit status: 0 every record extracted; 1 some records were rejected (the rest were written);
    2 unusable arguments.
    """
    if not any(path.exists() for path in paths):
        raise InputError(f"no such file or folder: {', '.join(str(path) for path in paths)}")
    to_stdout = str(output) == "-"
    if not to_stdout and not output.parent.is_dir():
        raise InputError(f"cannot write {output}: no such folder {output.parent}")
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} papers"))
    with (
        _opened(output, to_stdout) as out,
        progress(*columns, TimeElapsedColumn()) as bar,
    ):
        task = bar.add_task("extracting", total=None)
        summary = extract_to_jsonl(
            paths,
            out,
            n_process=n_process,
            workers=workers,
            batch_size=batch_size,
            on_reject=print_reject,
            on_written=lambda n: bar.advance(task, n),
        )
    if not OUTPUT.quiet:
        err_console.print(f"wrote {plural(summary.written, 'paper')} to {'standard output' if to_stdout else output}")
    if summary.rejected:
        err_console.print(f"{plural(summary.rejected, 'record')} rejected")
        raise typer.Exit(1)


@contextmanager
def _opened(output: Path, to_stdout: bool) -> Iterator[TextIO]:
    """The file to write, or standard output for `-` (left open, flushed)."""
    if to_stdout:
        yield sys.stdout
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8") as handle:
        yield handle


def register(app: typer.Typer) -> None:
    """Adds this module's commands to `app`."""
    app.command("extract", cls=PlainCommand)(extract_command)
