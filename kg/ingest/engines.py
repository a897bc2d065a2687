"""Extraction and its writes on a distributed engine (Dask), the same pipeline locally or on a cluster.

The ingest loop (`kg.ingest.pipeline.ingest`) reads and writes papers in chunks as always; with an
engine, each chunk's papers to extract go to the engine's workers as a few tasks. A task extracts its
papers with the extractor its worker built once (from `extractor_factory`, a picklable callable such
as `extractors.pipeline.load_extractor`, so `kg` never imports `extractors`) and writes the
extractions to Neo4j through the worker's own driver (one per worker process, opened on first use).
At most `max_pending` tasks are in flight. At the end, the totals of every entity the tasks touched
are recomputed once, since tasks on different workers may write the same entity concurrently.

`address=None` starts a local cluster of `workers` processes on this machine; otherwise the
scheduler at `address` (`tcp://host:8786`) is used and its workers must reach the Neo4j of `settings`
(Neo4j Aura or a cluster by URI). Dask is an optional extra: `pip install kg-research[scale]`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

from kg.errors import InputError
from kg.model import Extraction, Label, Paper
from kg.settings import Settings
from kg.store.db import open_driver
from kg.store.extraction import entity_key, refresh_entity_totals, write_extractions

ExtractorFactory = Callable[[], Any]  # returns an object with `extract_many(papers)`
TASKS_PER_WORKER = 2
_worker_state: dict[str, Any] = {}


def extract_and_write(papers: Sequence[Paper], factory: ExtractorFactory, settings: Settings) -> list[str]:
    """On a worker: extract `papers`, write the extractions, return the entity keys they mention."""
    extractor = _worker_state.get("extractor")
    if extractor is None:
        extractor = _worker_state["extractor"] = factory()
    driver = _worker_state.get("driver")
    if driver is None:
        driver = _worker_state["driver"] = open_driver(settings)
    extractions: list[Extraction] = list(extractor.extract_many(papers))
    write_extractions(driver, settings.neo4j_database, extractions)
    return sorted({entity_key(Label(m.label), m.canonical) for e in extractions for m in e.entities})


class DaskEngine:
    """`submit(papers)` sends extraction + write tasks; `finish()` waits and refreshes entity totals."""

    def __init__(
        self,
        settings: Settings,
        factory: ExtractorFactory,
        *,
        address: str | None = None,
        workers: int = 2,
        max_pending: int | None = None,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ModuleNotFoundError:
            raise InputError("--engine dask needs Dask: pip install 'kg-research[scale]'") from None
        self.settings = settings
        self.factory = factory
        self._cluster = (
            None
            if address
            else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        )
        self._client = Client(address or self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self._max_pending = max_pending or self.workers * TASKS_PER_WORKER * 2
        self._pending: list[Any] = []
        self._keys: set[str] = set()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def submit(self, papers: Sequence[Paper]) -> None:
        size = max(1, -(-len(papers) // (self.workers * TASKS_PER_WORKER)))
        for start in range(0, len(papers), size):
            self._wait_below(self._max_pending)
            part = list(papers[start : start + size])
            self._pending.append(self._client.submit(extract_and_write, part, self.factory, self.settings, pure=False))

    def finish(self) -> int:
        """Wait for every task (a failed task re-raises here); recompute the touched entities' totals."""
        self._wait_below(1)
        driver = open_driver(self.settings)
        try:
            return refresh_entity_totals(driver, self.settings.neo4j_database, self._keys)
        finally:
            driver.close()

    def _wait_below(self, limit: int) -> None:
        while len(self._pending) >= limit:
            self._keys.update(self._pending.pop(0).result())
