"""The ingest pipeline: read -> chunk -> write papers -> (extract -> write extractions), memory bounded.

`ingest` is the one way papers enter the graph: `kg ingest` hands it paths, the API's `ingest` mutation
hands it papers it already holds; both get the schema, the chunking, the skip of unchanged papers
and the rejects.

At most two chunks of papers (`batch_size`) and the set of paper ids seen so far are held at a time:
the extractions of one chunk are written by a background thread while the next chunk is extracted,
so the extractor (Python, CPU) and Neo4j work side by side. The extractor is passed in as a callable
(`Extract`), so `kg` never imports `extractors`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Protocol

from neo4j import Driver

from kg.ingest.readers import read_papers
from kg.ingest.rejects import RejectsFile
from kg.model import Extraction, Paper, Reject
from kg.settings import Settings
from kg.store.extraction import write_extractions
from kg.store.papers import Upserted, write_papers
from kg.store.schema import apply_schema

Progress = Callable[[int], None]  # called with the number of records (papers and rejects) just handled


class Extract(Protocol):
    """Turns papers into extractions, one per paper, in any order (`Extractor.extract_many`)."""

    def __call__(self, papers: Iterable[Paper], /) -> Iterator[Extraction]: ...


class Engine(Protocol):
    """Extracts and writes papers elsewhere (`kg.ingest.engines.DaskEngine`); `finish` waits for all of it."""

    def submit(self, papers: Sequence[Paper], /) -> None: ...

    def finish(self) -> int: ...


@dataclass(slots=True)
class IngestSummary:
    new: int = 0  # papers not in the graph before
    updated: int = 0  # papers in the graph whose properties changed
    unchanged: int = 0  # papers in the graph already, identical
    duplicate: int = 0  # repeat occurrences of a paper earlier in the same input
    rejected: int = 0  # records (or whole files) that could not be read; see `rejects_file`
    extracted: int = 0  # papers run through the extractor
    entities_refreshed: int = 0  # entity totals recomputed (an entity touched by several chunks counts each time)
    rejects_file: Path | None = None
    sources: set[str] = field(default_factory=set)
    paper_ids: list[str] = field(default_factory=list)  # the distinct papers of the input, in input order

    @property
    def papers(self) -> int:
        """Distinct papers in the input."""
        return self.new + self.updated + self.unchanged


def rejects_path(settings: Settings, override: Path | None = None) -> Path:
    return override or settings.rejects_file or settings.data_dir / "rejects.jsonl"


Source = Iterable[Path | Paper]  # files or folders to read, or papers already read (any mix)


def ingest(
    driver: Driver,
    settings: Settings,
    source: Source,
    extract: Extract | None = None,
    progress: Progress | None = None,
    *,
    extractor_version: str | None = None,
    rejects: Path | None = None,
    write_rejects: bool = True,
    batch_size: int | None = None,
    engine: Engine | None = None,
) -> IngestSummary:
    """Ingest every paper of `source` into the graph; rejects go to the rejects file, never stop the run.

    With `extract`, each distinct paper is extracted once; a paper already in the graph, unchanged and
    extracted by `extractor_version` (when given), is not extracted again. With `write_rejects` false
    the rejects file is left alone (rejects are only counted): for callers whose papers come validated.
    With `engine`, the papers to extract go to it instead of `extract` (which is then unused).
    """
    database = settings.neo4j_database
    rejects_file = rejects_path(settings, rejects) if write_rejects else None
    summary = IngestSummary(rejects_file=rejects_file)
    seen: set[str] = set()
    with RejectsFile(rejects_file) as rejects_out, _ExtractionWriter(driver, database) as writer:
        apply_schema(driver, database)
        papers = _divert_rejects(_records(source), rejects_out, summary, progress)
        for chunk in _chunks(papers, batch_size or settings.batch_size):
            upserted = write_papers(driver, database, chunk)
            firsts = _count(chunk, upserted, seen, summary)
            if extract is not None or engine is not None:
                found = {row.id: row for row in upserted}
                todo = [p for p in firsts if _needs_extraction(found.get(p.id), extractor_version)]
                if engine is not None:
                    engine.submit(todo)
                elif extract is not None:
                    writer.submit(list(extract(todo)))
                summary.extracted += len(todo)
            if progress is not None:
                progress(len(chunk))
        writer.wait()
        refreshed_by_engine = engine.finish() if engine is not None else 0
    summary.entities_refreshed = writer.refreshed + refreshed_by_engine
    return summary


class _ExtractionWriter:
    """Writes one chunk of extractions in a background thread; submitting the next waits for it first.

    A failed write surfaces (re-raised) at the next `submit` or `wait`, and leaving the with-block
    always waits for the write in flight, so nothing is left running.
    """

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.refreshed = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-ingest-writer")
        self._pending: Future[int] | None = None

    def __enter__(self) -> _ExtractionWriter:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._pool.shutdown(wait=True)

    def submit(self, extractions: Sequence[Extraction]) -> None:
        self.wait()
        self._pending = self._pool.submit(write_extractions, self.driver, self.database, extractions)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.refreshed += pending.result()


def _records(source: Source) -> Iterator[Paper | Reject]:
    for item in source:
        if isinstance(item, Paper):
            yield item
        else:
            yield from read_papers([item])


def _divert_rejects(
    items: Iterable[Paper | Reject], out: RejectsFile, summary: IngestSummary, progress: Progress | None
) -> Iterator[Paper]:
    for item in items:
        if isinstance(item, Reject):
            out.write(item)
            summary.rejected += 1
            if progress is not None:
                progress(1)
        else:
            summary.sources.update(occ.source for occ in item.occurrences)
            yield item


def _chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    iterator = iter(papers)
    while chunk := list(itertools.islice(iterator, max(size, 1))):
        yield chunk


def _count(chunk: list[Paper], upserted: list[Upserted], seen: set[str], summary: IngestSummary) -> list[Paper]:
    """Tally the chunk into the summary; return the papers seen for the first time in this input."""
    status: dict[str, str] = {}
    for row in upserted:
        status.setdefault(row.id, row.status)
    firsts: list[Paper] = []
    for paper in chunk:
        if paper.id in seen:
            summary.duplicate += 1
            continue
        seen.add(paper.id)
        summary.paper_ids.append(paper.id)
        firsts.append(paper)
        kind = status.get(paper.id, "updated")
        summary.new += kind == "new"
        summary.updated += kind == "updated"
        summary.unchanged += kind == "unchanged"
    return firsts


def _needs_extraction(row: Upserted | None, version: str | None) -> bool:
    """Extract unless the paper was already in the graph, unchanged, and extracted by this very version."""
    if row is None or version is None:
        return True
    return row.status != "unchanged" or row.extracted_with != version
