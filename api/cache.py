"""Answers cached by graph version.

The graph changes only when an ingest or an analysis commits, and each such commit bumps the
graph version (`kg.store.version`). Each server process re-reads that version while requests come,
in the background and ahead of time (every `interval / 4`), so that requests rarely wait for a
read, and never uses a version read that started more than `interval` seconds ago (0.1 by
default); a query's answer is kept under (document, variables, operation, version). So an answer
is at most `interval` older than the graph, whichever process wrote to it.

Only complete answers of queries are kept (no errors, never a mutation), in a bounded LRU per
process. When the version cannot be read (Neo4j down) nothing is served from or put in the cache.
Concurrent misses of one key execute it once (`InFlight`): the others wait for that answer.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import orjson

Key = tuple[int, str, bytes, str | None] | tuple[int, bytes]
T = TypeVar("T")


class VersionClock:
    """The graph version as this process last read it, never older than `interval` seconds.

    While requests come, a version read starts every `ahead` seconds (a quarter of the interval)
    in a thread of the clock's own, even when an earlier one has not answered yet; requests go on
    with the newest version read so far. A read that answers updates the version from its thread,
    so a busy event loop does not delay it. Only when no read started in the last `interval` has
    answered does a request wait for one (at most `patience` seconds, then it goes uncached). So
    under a steady stream of requests nobody waits while reads take less than `interval - ahead`.
    """

    def __init__(self, read: Callable[[], int], interval: float = 0.1, patience: float = 0.25) -> None:
        self.read = read  # blocking; bounded by the reader's own (server-side) timeout
        self.interval = interval
        self.ahead = interval / 4
        self.patience = patience  # how long a request waits for a version read before going uncached
        self._known: tuple[int | None, float] = (None, -float("inf"))  # a version, when its read started
        self._started_at = -float("inf")  # when the newest read started
        self._pending: asyncio.Future[int | None] | None = None
        self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="graph-version")

    async def current(self) -> int | None:
        """The version, or None when it cannot be read within `patience` seconds (the read goes on)."""
        now = time.monotonic()
        if now - self._started_at >= self.ahead or self._pending is None:
            self._started_at = now
            self._pending = asyncio.get_running_loop().run_in_executor(self._threads, self._refresh, now)
        version, read_at = self._known
        if version is not None and now - read_at < self.interval:
            return version
        try:
            return await asyncio.wait_for(asyncio.shield(self._pending), self.patience)
        except TimeoutError:
            return None

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _refresh(self, started: float) -> int | None:
        """One read, in a thread of the clock; an older read that answers late changes nothing."""
        try:
            version: int | None = self.read()
        except Exception:
            version = None
        if started > self._known[1]:
            self._known = (version, started)
        return version


class Cached:
    """A complete answer, encoded; its ETag (a hash of the body) is computed when a `GET` first needs it."""

    __slots__ = ("_etag", "body")

    def __init__(self, body: bytes) -> None:
        self.body = body
        self._etag: str | None = None

    @property
    def etag(self) -> str:
        if self._etag is None:
            self._etag = f'"{hashlib.sha1(self.body, usedforsecurity=False).hexdigest()[:20]}"'
        return self._etag

    def validators(self) -> dict[str, str]:
        """The headers a `GET` answer carries so that clients revalidate it by its ETag."""
        return {"ETag": self.etag, "Cache-Control": "no-cache", "Vary": "Accept"}

    def held_by(self, if_none_match: str) -> bool:
        """Whether a request's `If-None-Match` names this answer (so the reply is `304`)."""
        return self.etag in if_none_match


class ResponseCache:
    """A bounded LRU of encoded answers, keyed by (version, document, variables, operation) and, for
    answers to `GET`s, also by (version, the URL's query string)."""

    def __init__(self, capacity: int = 4096) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Key, Cached] = OrderedDict()
        self.hits = 0

    @staticmethod
    def key(version: int, query: str, variables: dict[str, Any] | None, operation: str | None) -> Key:
        return version, query, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), operation

    @staticmethod
    def url_key(version: int, query_string: bytes) -> Key:
        """The key of a `GET` answer by its URL's raw query string (`api/cached_gets.py`)."""
        return version, query_string

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


class InFlight:
    """Executions under way by cache key, so that concurrent misses of one key execute it once.

    The first request that misses a key leads: it computes the answer, which is then cached and
    handed to every request for the same key that arrived meanwhile. Without this, a key that is
    not cached yet (a new graph version, a worker that has not seen the query) runs once per
    waiting client, each run holding the event loop, and every other request waits behind them.
    A lead that ends without a complete answer (errors, an exception) hands over None and each
    waiter computes its own.
    """

    def __init__(self) -> None:
        self._leads: dict[Key, asyncio.Future[Cached | None]] = {}

    async def joined(self, key: Key) -> Cached | None:
        """The answer of the lead under way for `key` once it is ready; None when there is none."""
        lead = self._leads.get(key)
        return None if lead is None else await asyncio.shield(lead)

    async def lead(self, key: Key, compute: Callable[[], Awaitable[T]], answer: Callable[[T], Cached | None]) -> T:
        """`compute()` as the lead for `key`: `answer` of its result goes to those who joined meanwhile."""
        handed: asyncio.Future[Cached | None] = asyncio.get_running_loop().create_future()
        self._leads[key] = handed
        result: Cached | None = None
        try:
            outcome = await compute()
            result = answer(outcome)
            return outcome
        finally:
            if self._leads.get(key) is handed:  # a later lead of the same key may have replaced it
                del self._leads[key]
            handed.set_result(result)
