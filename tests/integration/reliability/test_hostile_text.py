"""Issue #7 point 2: text from abstracts is data everywhere, end to end through the real graph.

Papers whose titles and abstracts carry `<script>`, HTML, Cypher fragments and control characters
are ingested (with extraction) into an empty graph; they are stored exactly as the reader gives
them, nothing else in the graph changes, the API returns them verbatim as JSON, and the report
built from that graph shows them inert (no element, attribute or control character from them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.ingest.pipeline import ingest
from kg.reports.build import build_report
from kg.store.db import run_read
from kg.store.facts import fact_labels
from tests.integration.api.conftest import LiveServer
from tests.integration.corpus import real_extractor
from tests.integration.reliability.conftest import Throwaway

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FILLER = " We evaluate the method on ImageNet with a ResNet-50 and improve top-1 accuracy by 2.1% over the baseline."
HOSTILE = {
    "script": "<script>alert('x')</script> Scaling <b>bold</b> Transformers",
    "html": '"><img src=x onerror=alert(1)><svg onload=alert(2)> Attention <a href="javascript:alert(3)">here</a>',
    "cypher": "'}) MATCH (n) DETACH DELETE n // \"}) CALL db.clearQueryCaches() RETURN 1 //",
    "control": "Bell\x07 escape\x1b[31m red\x1b[0m, zero\u200bwidth, right-to-left \u202eevil\u202c, nul\x00 end",
    "markdown": "| table | break |\n# heading [link](http://example.com) ![img](http://example.com/x.png) `code`",
    "braces": "{{7*7}} ${jndi:ldap://x} {% raw %} $where: '1 == 1' \\u0041",
}


def hostile_records() -> list[dict[str, str]]:
    return [{"title": f"{name}: {text}", "abstract": f"{text}.{FILLER} {text}"} for name, text in HOSTILE.items()]


def as_stored(record: dict[str, str]) -> tuple[str, str]:
    """What the JSON Lines reader makes of a record: whitespace runs in titles folded, abstracts stripped."""
    return " ".join(record["title"].split()), record["abstract"].strip()


@pytest.fixture(scope="module")
def hostile_graph(throwaway: Throwaway, tmp_path_factory: pytest.TempPathFactory) -> Throwaway:
    if throwaway.server.pid() is None:
        throwaway.start()
    from tests.integration.conftest import wipe

    wipe(throwaway.driver)
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in hostile_records()), encoding="utf-8")
    extract, version = real_extractor()
    summary = ingest(
        throwaway.driver, throwaway.settings, [path], extract, extractor_version=version, rejects=folder / "r.jsonl"
    )
    assert (summary.new, summary.rejected) == (len(HOSTILE), 0), summary
    return throwaway


@pytest.fixture(scope="module")
def api(hostile_graph: Throwaway) -> Iterator[httpx.Client]:
    settings = hostile_graph.settings.model_copy(update={"neo4j_uri": hostile_graph.settings.bolt_uri})
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def test_stored_exactly_as_written_and_nothing_else_touched(hostile_graph: Throwaway) -> None:
    rows = run_read(hostile_graph.driver, "MATCH (p:Paper) RETURN p.title AS title, p.abstract AS abstract", "neo4j")
    assert sorted((row["title"], row["abstract"]) for row in rows) == sorted(map(as_stored, hostile_records()))
    assert fact_labels(hostile_graph.driver, "neo4j") <= {"Paper", "Source", "Entity", "Model", "Method", "Metric",
                                                          "Dataset", "Hardware", "Result", "Claim"}  # fmt: skip


def test_api_returns_the_text_verbatim_as_json(api: httpx.Client) -> None:
    query = "{ papers(first: 50) { nodes { id title abstract } } }"
    for accept in ("application/json", "application/graphql-response+json", "text/html, */*"):
        response = api.post("/graphql", json={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] in (
            "application/json",
            "application/graphql-response+json",
        )
        nodes = response.json()["data"]["papers"]["nodes"]
        assert sorted((node["title"], node["abstract"]) for node in nodes) == sorted(map(as_stored, hostile_records()))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_as_query_arguments_is_data(api: httpx.Client, name: str) -> None:
    text = HOSTILE[name]
    document = "query($q: String!, $id: ID!) { search(query: $q, first: 5) { score } paper(id: $id) { id } }"
    response = api.post("/graphql", json={"query": document, "variables": {"q": text, "id": text}})
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    codes = {error["extensions"]["code"] for error in body.get("errors", [])}
    assert codes <= {"BAD_USER_INPUT", "NOT_FOUND"}, body
    assert api.post("/graphql", json={"query": "{ stats { papers } }"}).json()["data"]["stats"]["papers"] == len(
        HOSTILE
    )


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self.values += [value or "" for _, value in attrs]


def test_report_from_the_hostile_graph_shows_it_inert(hostile_graph: Throwaway, tmp_path: Path) -> None:
    index = build_report(hostile_graph.driver, hostile_graph.settings, tmp_path)
    html = index.read_text(encoding="utf-8")
    elements = _Elements()
    elements.feed(html)
    assert not {"script", "img", "iframe", "object", "embed"} & set(elements.tags)
    assert not [name for name in elements.attributes if name.startswith("on")]
    assert not [value for value in elements.values if "javascript:" in value or "alert(" in value]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", html)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|svg|a )", markdown)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", markdown)
