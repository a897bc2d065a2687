"""`kg ingest --engine dask`: a local Dask cluster of 2 worker processes extracts and writes a small slice
of the real corpus (read from `../shared/corpus-large` at run time), and the graph equals the one the
single-process ingest writes. Skipped where the data or Dask is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from kg.ingest.pipeline import ingest
from kg.settings import Settings
from kg.store.facts import graph_facts
from tests.integration.conftest import wipe
from tests.integration.large_corpus import needs_abstracts, write_slice

PAPERS = 60

pytestmark = [needs_abstracts, pytest.mark.timeout(900)]


def test_the_dask_engine_writes_the_graph_the_single_process_ingest_writes(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from extractors.pipeline import load_extractor
    from kg.ingest.engines import DaskEngine

    path = write_slice(tmp_path / "slice.jsonl", PAPERS)
    settings = neo4j_settings.model_copy(update={"data_dir": tmp_path})
    db = settings.neo4j_database
    extractor = load_extractor()
    single = ingest(empty_graph, settings, [path], extractor.extract_many, extractor_version=extractor.version)
    expected = graph_facts(empty_graph, db)
    wipe(empty_graph, db)
    with DaskEngine(settings, load_extractor, workers=2) as engine:
        assert engine.workers == 2
        distributed = ingest(empty_graph, settings, [path], extractor_version=extractor.version, engine=engine)
    assert (distributed.new, distributed.extracted) == (single.new, single.extracted) == (PAPERS, PAPERS)
    assert graph_facts(empty_graph, db) == expected
