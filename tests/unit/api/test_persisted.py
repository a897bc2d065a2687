"""The persisted-query store: hash checks and a bounded memory."""

from __future__ import annotations

import hashlib

import pytest

from api.persisted import PersistedQueries, PersistedQueryError


def ext(query: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}


def test_remembers_by_hash_and_forgets_the_least_recent() -> None:
    store = PersistedQueries(capacity=2)
    for query in ("{ a }", "{ b }"):
        assert store.resolve(query, ext(query)) == query
    assert store.resolve(None, ext("{ a }")) == "{ a }"  # a is now the most recent
    store.resolve("{ c }", ext("{ c }"))
    assert store.resolve(None, ext("{ a }")) == "{ a }"
    with pytest.raises(PersistedQueryError) as caught:
        store.resolve(None, ext("{ b }"))
    assert caught.value.code == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize("spec", [{"version": 2, "sha256Hash": "x"}, {"version": 1}, "hash", None])
def test_malformed_extension_is_bad_request(spec: object) -> None:
    extensions = {"persistedQuery": spec} if spec is not None else {"persistedQuery": []}
    with pytest.raises(PersistedQueryError) as caught:
        PersistedQueries().resolve("{ a }", extensions)
    assert caught.value.code == "BAD_REQUEST"


def test_plain_requests_pass_through() -> None:
    assert PersistedQueries().resolve("{ a }", {"other": 1}) == "{ a }"
