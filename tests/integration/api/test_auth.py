"""Mutations need the configured API key; with no key configured they are off for everyone."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kg.settings import Settings
from tests.integration.api.conftest import API_KEY, LiveServer

RUN = "mutation { runAnalysis { runId status } }"
INGEST = "mutation($p: [PaperInput!]!) { ingest(papers: $p) { paperIds new updated unchanged extracted } }"


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


def an_existing_paper(gql: Any) -> dict[str, Any]:
    node = gql("{ papers(first: 1) { nodes { id title abstract date authors organization upvotes doi arxivId } } }")
    return node["data"]["papers"]["nodes"][0]


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}])
@pytest.mark.parametrize("mutation", [RUN, INGEST])
def test_mutations_without_the_right_key_are_unauthenticated(gql: Any, headers: dict[str, str], mutation: str) -> None:
    variables = {"p": [{"title": "A paper that must not land", "abstract": "Nothing."}]}
    body = gql(mutation, variables, **headers)
    assert codes(body) == ["UNAUTHENTICATED"] and body["data"] is None
    assert gql('{ papers(filter: {text: "must not land"}) { totalCount } }')["data"]["papers"]["totalCount"] == 0


def test_right_key_ingests_idempotently(gql: Any) -> None:
    paper = an_existing_paper(gql)
    before = gql("{ stats { papers entities mentions } }")["data"]["stats"]
    given = {key: value for key, value in paper.items() if key != "id"}
    body = gql(INGEST, {"p": [given]}, **{"X-API-Key": API_KEY})
    assert "errors" not in body, body
    summary = body["data"]["ingest"]
    assert summary["paperIds"] == [paper["id"]] and (summary["new"], summary["unchanged"]) == (0, 1)
    assert gql("{ stats { papers entities mentions } }")["data"]["stats"] == before


def test_right_key_still_validates_input(gql: Any) -> None:
    assert codes(gql(INGEST, {"p": []}, **{"X-API-Key": API_KEY})) == ["BAD_USER_INPUT"]


@pytest.fixture(scope="module")
def keyless_server(api_settings: Settings) -> Any:
    with LiveServer(api_settings.model_copy(update={"api_key": None})) as server:
        yield server


def test_no_key_configured_means_mutations_are_off(keyless_server: LiveServer) -> None:
    with httpx.Client(base_url=keyless_server.url) as http:
        for headers in ({}, {"X-API-Key": API_KEY}):
            body = http.post("/graphql", json={"query": RUN}, headers=headers).json()
            assert codes(body) == ["UNAUTHENTICATED"] and "disabled" in body["errors"][0]["message"]
