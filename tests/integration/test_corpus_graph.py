"""The shared `corpus_graph` fixture: the corpus extracted into the graph, and back after a wipe."""

from __future__ import annotations

from neo4j import Driver

from kg.store.db import run_read
from tests.integration.corpus import CORPUS_LISTINGS, CORPUS_PAPERS, real_extractor


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
    extract, _ = real_extractor()
    assert (found["mentions"] > CORPUS_PAPERS) is (extract is not None)


def test_a_wipe_in_between(empty_graph: Driver) -> None:
    assert counts(empty_graph)["papers"] == 0


def test_corpus_graph_is_back_after_a_wipe(corpus_graph: Driver) -> None:
    assert counts(corpus_graph)["papers"] == CORPUS_PAPERS
