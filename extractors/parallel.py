"""Extraction spread over worker processes: each worker builds the pipeline once and extracts slices of a chunk.

`ParallelExtractor(workers).extract_many(papers)` gives the same extractions as `Extractor.extract_many`,
in the same order. Workers are started with `spawn` (no fork of a process that holds driver threads)
and live until `close()`, so the pipeline is loaded once per worker, not once per chunk.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any

from extractors.pipeline import Extractor, extractor_version, load_extractor
from kg.model import Extraction, Paper

SLICES_PER_WORKER = 4
_worker_extractor: Extractor | None = None


def _start_worker(config: dict[str, Any]) -> None:
    global _worker_extractor
    _worker_extractor = load_extractor(**config)


def _extract_slice(papers: list[Paper]) -> list[Extraction]:
    assert _worker_extractor is not None, "worker started without its extractor"
    return list(_worker_extractor.extract_many(papers))


class ParallelExtractor:
    """`extract_many` over `workers` processes; use as a context manager (or call `close`)."""

    def __init__(self, workers: int, **config: Any) -> None:
        self.workers = workers
        self.version = extractor_version()
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(config,),
        )

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def extract_many(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        """The extractions of `papers` in their order; one chunk is split into a few slices per worker."""
        batch = list(papers)
        size = max(1, -(-len(batch) // (self.workers * SLICES_PER_WORKER)))
        slices = [batch[start : start + size] for start in range(0, len(batch), size)]
        for extractions in self._pool.map(_extract_slice, slices):
            yield from extractions
