"""Cypher-looking strings through every string argument change nothing in the graph.

Every statement is parameterised, so these strings are data: the reads find nothing (or answer
BAD_USER_INPUT / NOT_FOUND) and the node and relationship counts stay exactly as they were.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from neo4j import Driver

from kg.settings import Settings
from kg.store.stats import graph_stats

PAYLOADS = [
    "x' OR 1=1 //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "'}) MATCH (n) DETACH DELETE n RETURN 1 AS id //",
    "MODEL:x'}) WITH 1 AS a MATCH (m) DETACH DELETE m //",
    "1 UNION MATCH (n) DETACH DELETE n RETURN n",
    "`) CREATE (:Paper {id: 'pwned'}) //",
    "$ids",
    "title:(x) OR abstract:* AND CALL db.clearQueryCaches()",
]

# Every root field and nested field that takes a string, with the payload in each string argument.
DOCUMENTS = [
    ("query($s: ID!){ paper(id: $s) { id } }", {}),
    ("query($s: String, $i: ID){ papers(filter: {text: $s, topic: $i, entity: $i}) { totalCount } }", {"i": True}),
    ("query($s: String!){ search(query: $s) { score } }", {}),
    ("query($s: String!){ entity(label: MODEL, key: $s) { key } }", {}),
    ("query($s: ID!){ topic(id: $s) { id } }", {}),
    ("query($s: String, $i: ID){ claims(factor: $s, paperId: $i) { totalCount } }", {"i": True}),
    ("query($s: String){ contradictions(factor: $s) { totalCount } }", {}),
    ("query($s: ID!){ citations(paperId: $s) { cites { evidence } } }", {}),
    ("query($s: ID!){ path(fromId: $s, toId: $s, maxHops: 3) { length } }", {}),
    ("query($s: String){ papers(after: $s) { totalCount } }", {}),
    ("query($s: String){ entities(after: $s) { totalCount } }", {}),
    ("query($s: String){ claims(after: $s) { totalCount } }", {}),
    ("query($s: String){ contradictions(after: $s) { totalCount } }", {}),
]


def forged_cursor(payload: str) -> str:
    """A cursor in our own format whose keys are the payload (cursor contents are data too)."""
    text = "kg1:" + json.dumps(["paper:id", payload, payload])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def counts(driver: Driver, settings: Settings) -> dict[str, dict[str, int]]:
    return graph_stats(driver, settings.neo4j_database).as_dict()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cypher_in_string_arguments_changes_nothing(
    gql: Any, driver: Driver, api_settings: Settings, payload: str
) -> None:
    before = counts(driver, api_settings)
    for document, extra in DOCUMENTS:
        variables = {"s": payload, **({"i": payload} if extra else {})}
        body = gql(document, variables)
        for error in body.get("errors", []):
            assert error["extensions"]["code"] in {"BAD_USER_INPUT", "NOT_FOUND"}, (document, error)
    assert "errors" not in gql("query($c: String){ papers(after: $c) { totalCount } }", {"c": forged_cursor(payload)})
    assert counts(driver, api_settings) == before
