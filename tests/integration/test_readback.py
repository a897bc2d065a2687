"""`kg.store.readback`: the papers and extractions read back from a graph, written online into an empty graph,
give the same graph facts as the original online write of the extracted slice (a tiny real slice of
`../shared/corpus-large`, read at run time)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from kg.ingest.pipeline import ingest
from kg.model import Extraction, Paper
from kg.settings import Settings
from kg.store.facts import graph_facts
from kg.store.readback import read_back
from tests.integration.conftest import wipe
from tests.integration.large_corpus import needs_abstracts, write_slice

PAPERS = 40

pytestmark = [needs_abstracts, pytest.mark.timeout(600)]


def test_a_write_of_the_read_back_records_gives_the_same_graph(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    from extractors.pipeline import load_extractor

    db = neo4j_settings.neo4j_database
    extractor = load_extractor()
    path = write_slice(tmp_path / "slice.jsonl", PAPERS, skip=2000)
    ingest(empty_graph, neo4j_settings, [path], extractor.extract_many, extractor_version=extractor.version,
           rejects=tmp_path / "rejects.jsonl")  # fmt: skip
    original = graph_facts(empty_graph, db)
    records = list(read_back(empty_graph, db, page_size=7))
    extractions = {paper.id: extraction for paper, extraction in records}

    def stored(papers: Iterable[Paper]) -> Iterator[Extraction]:
        return iter([extractions[paper.id] for paper in papers])

    wipe(empty_graph, db)
    papers = [paper for paper, _ in records]
    ingest(empty_graph, neo4j_settings, papers, stored, extractor_version=extractor.version, write_rejects=False)
    assert len(records) == PAPERS and sum(len(e.entities) for e in extractions.values()) > PAPERS
    assert graph_facts(empty_graph, db) == original
