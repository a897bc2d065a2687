"""Automatic persisted queries (the APQ protocol of Apollo clients): send a hash instead of the text.

A client sends `extensions.persistedQuery = {version: 1, sha256Hash}`. Without `query`, the server
answers from its store or with `PERSISTED_QUERY_NOT_FOUND`, and the client retries with the text;
with `query`, the hash must match the text, which is then remembered. The store is a bounded LRU
per process, so unknown clients cannot grow memory; short GET URLs with only the hash cache well.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any


class PersistedQueryError(Exception):
    """The persisted-query extension cannot be honoured; `code` tells the client what to do."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class PersistedQueries:
    def __init__(self, capacity: int = 1000) -> None:
        self.capacity = capacity
        self._documents: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The query text to run: `query` itself, or the remembered text for the request's hash."""
        spec = (extensions or {}).get("persistedQuery")
        if spec is None:
            return query
        digest = _digest(spec)
        if query is None:
            return self._recall(digest)
        if hashlib.sha256(query.encode("utf-8")).hexdigest() != digest:
            raise PersistedQueryError("provided sha does not match query", "BAD_REQUEST")
        self._remember(digest, query)
        return query

    def _recall(self, digest: str) -> str:
        found = self._documents.get(digest)
        if found is None:
            raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        self._documents.move_to_end(digest)
        return found

    def _remember(self, digest: str, query: str) -> None:
        self._documents[digest] = query
        self._documents.move_to_end(digest)
        while len(self._documents) > self.capacity:
            self._documents.popitem(last=False)


def _digest(spec: Any) -> str:
    if not isinstance(spec, dict) or spec.get("version") != 1 or not isinstance(spec.get("sha256Hash"), str):
        raise PersistedQueryError("`persistedQuery` must be {version: 1, sha256Hash: <hex>}", "BAD_REQUEST")
    return str(spec["sha256Hash"]).lower()
