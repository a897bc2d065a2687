"""The shared `corpus_graph` fixture: the corpus extracted into the graph, and rebuilt after a wipe."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kg.settings import Settings
from kg.store.db import run_read
from tests.integration.conftest import wipe
from tests.integration.corpus import CORPUS_LISTINGS, CORPUS_PAPERS, ensure_corpus


def counts(driver: Driver) -> dict[str, int]:
    query = (
        "MATCH (p:Paper) WITH count(p) AS papers "
        "OPTIONAL MATCH (:Paper)-[l:LISTED_IN]->() WITH papers, count(l) AS listings "
        "OPTIONAL MATCH (:Paper)-[m:MENTIONS]->() RETURN papers, listings, count(m) AS mentions"
    )
    return run_read(driver, query, "neo4j")[0]


def test_corpus_graph_holds_the_corpus(corpus_graph: Driver) -> None:
    found = counts(corpus_graph)
    assert (found["papers"], found["listings"]) == (CORPUS_PAPERS, CORPUS_LISTINGS)
    assert found["mentions"] > CORPUS_PAPERS  # extracted: the extractor is part of the project


def test_corpus_graph_is_rebuilt_after_a_wipe(corpus_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    before = counts(corpus_graph)
    wipe(corpus_graph)
    assert counts(corpus_graph)["papers"] == 0
    ensure_corpus(corpus_graph, neo4j_settings, tmp_path)  # what the autouse re-check does before each user
    assert counts(corpus_graph) == before
