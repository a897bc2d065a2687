"""Generated queries (hypothesis-graphql, from the committed SDL) never make the API fail unexpectedly.

Whatever the arguments — huge pages, junk cursors, odd Lucene, NUL bytes — the answer is a
well-formed GraphQL response whose errors carry an expected code, never INTERNAL_SERVER_ERROR.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

SDL = (Path(__file__).resolve().parents[3] / "api" / "schema.graphql").read_text(encoding="utf-8")
EXPECTED = {"BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"}


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_queries_fail_only_with_expected_codes(client: httpx.Client, data: st.DataObject) -> None:
    query = data.draw(queries(SDL))
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200, (query, response.text)
    body = response.json()
    assert set(body) <= {"data", "errors"}
    codes = {error["extensions"]["code"] for error in body.get("errors", [])}
    assert codes <= EXPECTED, (query, body["errors"])
