"""Answers cached by graph version.

The graph changes only when an ingest or an analysis commits, and each such commit bumps the
graph version (`kg.store.version`). Each server process reads that version at most every
`interval` seconds (0.1 by default), on demand, one read shared by the requests that need it; a
query's answer is kept under (document, variables, operation, version). So an answer is at most
`interval` plus one version read older than the graph, whichever process wrote to it.

Only complete answers of queries are kept (no errors, never a mutation), in a bounded LRU per
process. When the version cannot be read (Neo4j down) nothing is served from or put in the cache.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import orjson

Key = tuple[int, str, bytes, str | None]


class VersionClock:
    """The graph version as this process last read it; re-read when older than `interval` seconds."""

    def __init__(self, read: Callable[[], Awaitable[int]], interval: float = 0.1, patience: float = 0.25) -> None:
        self.read = read
        self.interval = interval
        self.patience = patience  # how long a request waits for a version read before going uncached
        self._version: int | None = None
        self._read_at = -float("inf")
        self._pending: asyncio.Future[int | None] | None = None

    async def current(self) -> int | None:
        """The version, or None when it cannot be read within `patience` seconds (the read goes on)."""
        if time.monotonic() - self._read_at < self.interval:
            return self._version
        if self._pending is None or self._pending.done():
            self._pending = asyncio.ensure_future(self._refresh())
        try:
            return await asyncio.wait_for(asyncio.shield(self._pending), self.patience)
        except TimeoutError:
            return None

    async def _refresh(self) -> int | None:
        started = time.monotonic()
        try:
            self._version = await self.read()
        except Exception:
            self._version = None
        self._read_at = started
        return self._version


@dataclass(frozen=True, slots=True)
class Cached:
    body: bytes
    etag: str


class ResponseCache:
    """A bounded LRU of encoded answers, keyed by (version, document, variables, operation)."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self.hits = 0

    @staticmethod
    def key(version: int, query: str, variables: dict[str, Any] | None, operation: str | None) -> Key:
        return version, query, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), operation

    def get(self, key: Key) -> Cached | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            self.hits += 1
        return found

    def put(self, key: Key, entry: Cached) -> None:
        self._entries[key] = entry
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
