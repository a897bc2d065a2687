"""A first load in bulk: `kg extract` output -> CSV -> `neo4j-admin database import full` -> schema.

Only for the local server (`kg neo4j start`) and only into an empty database: the offline importer
replaces the store files, so the server is stopped for the import and started after it. The CSV rows
are those `kg ingest` writes (`kg.store.bulk`), so the graph is the one an online ingest of the same
records makes; the schema (constraints, indexes, full-text indexes) is created afterwards, as every
ingest does, then the lists CSV cannot hold are set and the graph version is bumped.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kg.errors import ConfigError
from kg.ingest.extracted import read_extracted
from kg.model import Extraction, Paper
from kg.neo4j_local import LocalNeo4j
from kg.settings import Settings
from kg.store.bulk import ARRAY_DELIMITER_OPTION, BulkCsvWriter, ImportFiles, set_deferred_lists
from kg.store.db import open_driver
from kg.store.papers import count_nodes
from kg.store.schema import apply_schema
from kg.store.version import bump_graph_version

CHUNK = 1000
SCHEMA_WAIT_SECONDS = 1800
IMPORT_MEMORY = "2G"

T = TypeVar("T")

Progress = Callable[[str, int], None]  # (phase, papers just handled; 0 for a phase change)


@dataclass(slots=True)
class BulkSummary:
    papers: int = 0
    duplicates: int = 0  # repeated paper ids in the input (the first record is loaded)
    nodes: int = 0
    relationships: int = 0
    deferred: int = 0  # nodes whose empty lists were set with Cypher after the import
    seconds: dict[str, float] = field(default_factory=dict)  # csv, import, start, schema, lists
    counts: dict[str, int] = field(default_factory=dict)  # rows per CSV file
    importer: str = ""  # the importer's own summary lines

    @property
    def load_seconds(self) -> float:
        """Everything after the extraction: CSV, import, restart, schema, lists."""
        return sum(self.seconds.values())


def refuse_remote(settings: Settings) -> None:
    """One line saying why a remote database cannot be loaded offline."""
    if not settings.manages_local_neo4j:
        raise ConfigError(
            f"kg bulk-import loads the local server's store files offline and cannot reach {settings.neo4j_uri} "
            "(KG_NEO4J_URI is set): use `kg ingest` for a remote Neo4j"
        )


def bulk_import(
    settings: Settings,
    paths: list[Path],
    *,
    work_dir: Path | None = None,
    keep_csv: bool = False,
    progress: Progress | None = None,
    require_empty: bool = True,
) -> BulkSummary:
    """Load the `kg extract` records of `paths` into the empty local database; see the module docstring."""
    refuse_remote(settings)
    tell = progress or (lambda phase, n: None)
    server = LocalNeo4j(settings)
    database = settings.neo4j_database
    summary = BulkSummary()
    if require_empty:
        tell("checking that the local database is empty", 0)
        server.start()
        _check_empty(settings, database)
    folder = work_dir or settings.data_dir / "bulk-import"
    try:
        files = _timed(summary, "csv", lambda: write_csv(paths, folder, summary, tell))
        tell("stopping Neo4j for the import", 0)
        server.stop()
        tell("importing with neo4j-admin", 0)
        summary.importer = _timed(summary, "import", lambda: run_importer(server, database, files))
        tell("starting Neo4j", 0)
        _timed(summary, "start", server.start)
        with open_driver(settings) as driver:
            tell("creating constraints and indexes", 0)
            _timed(summary, "schema", lambda: apply_schema(driver, database, wait_seconds=SCHEMA_WAIT_SECONDS))
            tell("setting empty lists", 0)
            summary.deferred = _timed(summary, "lists", lambda: set_deferred_lists(driver, database, files.deferred))
            bump_graph_version(driver, database)
    finally:
        if not keep_csv:
            shutil.rmtree(folder, ignore_errors=True)
    return summary


def _check_empty(settings: Settings, database: str) -> None:
    with open_driver(settings) as driver:
        nodes = count_nodes(driver, database)
    if nodes:
        raise ConfigError(
            f"the local database {database!r} holds {nodes:,} nodes: kg bulk-import replaces the store and loads "
            "an empty database only (`kg ingest` adds papers to a graph)"
        )


def write_csv(paths: list[Path], folder: Path, summary: BulkSummary, tell: Progress) -> ImportFiles:
    """The importer's files for every distinct paper of `paths` (the first record of a repeated id)."""
    tell("writing CSV", 0)
    with BulkCsvWriter(folder) as writer:
        for chunk in _chunks(_distinct(read_extracted(paths), summary)):
            writer.add([paper for paper, _ in chunk], [extraction for _, extraction in chunk])
            summary.papers += len(chunk)
            tell("writing CSV", len(chunk))
        files = writer.finish()
    summary.counts = files.counts
    summary.nodes, summary.relationships = files.node_count, files.relationship_count
    return files


def run_importer(server: LocalNeo4j, database: str, files: ImportFiles) -> str:
    options = (
        f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        "--threads=2",
        f"--max-off-heap-memory={IMPORT_MEMORY}",
        *(("--multiline-fields-format=v2", "--multiline-fields=" + ",".join(map(str, files.multiline)))
          if files.multiline else ()),
    )  # fmt: skip
    return server.import_full(
        database, files.nodes, files.relationships, options=options, report=files.folder / "import.report"
    )


def _distinct(records: Iterable[tuple[Paper, Extraction]], summary: BulkSummary) -> Iterator[tuple[Paper, Extraction]]:
    seen: set[str] = set()
    for paper, extraction in records:
        if paper.id in seen:
            summary.duplicates += 1
            continue
        seen.add(paper.id)
        yield paper, extraction


def _chunks(records: Iterator[tuple[Paper, Extraction]]) -> Iterator[list[tuple[Paper, Extraction]]]:
    while chunk := list(itertools.islice(records, CHUNK)):
        yield chunk


def _timed(summary: BulkSummary, name: str, work: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        return work()
    finally:
        summary.seconds[name] = round(time.perf_counter() - started, 2)
