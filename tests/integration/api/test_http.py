"""The GraphQL-over-HTTP layer: media types, status codes, GET rules, body limits, GraphiQL, probes, CORS."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from kg.settings import Settings
from tests.integration.api.conftest import LiveServer

GQL_JSON = "application/graphql-response+json"
QUERY = {"query": "{ __typename }"}


def test_json_by_default_and_graphql_response_json_when_asked(client: httpx.Client) -> None:
    plain = client.post("/graphql", json=QUERY)
    asked = client.post("/graphql", json=QUERY, headers={"accept": f"{GQL_JSON}, application/json;q=0.9"})
    assert plain.headers["content-type"].startswith("application/json") and plain.json() == {
        "data": {"__typename": "Query"}
    }
    assert asked.headers["content-type"].startswith(GQL_JSON) and asked.status_code == 200


def test_nothing_acceptable_is_406(client: httpx.Client) -> None:
    assert client.post("/graphql", json=QUERY, headers={"accept": "text/csv"}).status_code == 406


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=UTF-8", "application/json;a=b"]
)
def test_json_content_types_are_accepted(client: httpx.Client, content_type: str) -> None:
    response = client.post("/graphql", content=json.dumps(QUERY), headers={"content-type": content_type})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin-1"]
)
def test_other_content_types_are_415(client: httpx.Client, content_type: str) -> None:
    response = client.post("/graphql", content=json.dumps(QUERY), headers={"content-type": content_type})
    assert response.status_code == 415


@pytest.mark.parametrize(
    "body", ['{"query": ', "[]", '{"query": 1}', '{"query": "{ __typename }", "variables": "x"}', '{"qeury": "x"}', ""]
)
def test_malformed_requests_are_400_without_data(client: httpx.Client, body: str) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400 and "data" not in response.json()


@pytest.mark.parametrize("document", ["{ paper(", "{ noSuchField }", "query($x: ID!) { paper(id: $x) { id } }"])
def test_documents_that_cannot_run_400_under_graphql_response_json(client: httpx.Client, document: str) -> None:
    strict = client.post("/graphql", json={"query": document}, headers={"accept": GQL_JSON})
    legacy = client.post("/graphql", json={"query": document}, headers={"accept": "application/json"})
    assert strict.status_code == 400 and "data" not in strict.json() and strict.json()["errors"]
    assert legacy.status_code == 200 and "data" not in legacy.json() and legacy.json()["errors"]


def test_get_runs_queries_but_not_mutations(client: httpx.Client) -> None:
    query = client.get("/graphql", params={"query": "{ stats { papers } }"})
    mutation = client.get("/graphql", params={"query": "mutation { runAnalysis { status } }"})
    assert query.status_code == 200 and query.json()["data"]["stats"]["papers"] > 0
    assert mutation.status_code == 405 and mutation.headers["allow"] == "POST"


def test_get_variables_are_json(client: httpx.Client) -> None:
    params = {"query": "query($f: Int!){ papers(first: $f) { edges { cursor } } }", "variables": '{"f": 2}'}
    assert len(client.get("/graphql", params=params).json()["data"]["papers"]["edges"]) == 2


def test_other_methods_are_405(client: httpx.Client) -> None:
    assert client.put("/graphql", json=QUERY).status_code == 405


def test_oversized_body_is_413_before_parsing(client: httpx.Client) -> None:
    huge = '{"query": "{ __typename }", "pad": "' + "x" * 1_100_000 + '"}'
    assert client.post("/graphql", content=huge, headers={"content-type": "application/json"}).status_code == 413


def test_graphiql_for_browsers(client: httpx.Client) -> None:
    page = client.get("/graphql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_probes(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_cors_allows_only_configured_origins(client: httpx.Client) -> None:
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = client.options("/graphql", headers={"origin": "http://localhost:5173", **preflight})
    other = client.options("/graphql", headers={"origin": "http://evil.example", **preflight})
    assert allowed.headers.get("access-control-allow-origin") == "http://localhost:5173"
    assert "access-control-allow-origin" not in other.headers


def test_graphiql_can_be_switched_off(api_settings: Settings) -> None:
    with (
        LiveServer(api_settings.model_copy(update={"graphiql": False})) as server,
        httpx.Client(base_url=server.url) as http,
    ):
        page = http.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})
        query = http.get("/graphql", params={"query": "{ __typename }"})
    assert page.status_code == 400 and "graphiql" not in page.text.lower()
    assert query.json() == {"data": {"__typename": "Query"}}


def test_automatic_persisted_queries(client: httpx.Client) -> None:
    query = "{ stats { papers } }"
    digest = hashlib.sha256(query.encode()).hexdigest()
    persisted = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    unknown = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}})
    missing = client.get("/graphql", params={"extensions": unknown})
    registered = client.post("/graphql", json={"query": query, "extensions": json.loads(persisted)})
    by_hash = client.get("/graphql", params={"extensions": persisted})
    wrong = client.post("/graphql", json={"query": "{ __typename }", "extensions": json.loads(persisted)})
    assert missing.status_code == 200 and missing.headers["cache-control"] == "no-store"
    assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert registered.status_code == 200 and by_hash.json() == registered.json()
    assert wrong.status_code == 400 and "does not match" in wrong.json()["errors"][0]["message"]
