"""`kg bulk-import`: a small real slice (read from `../shared/corpus-large` at run time) extracted by
`kg extract`, loaded offline with `neo4j-admin database import full`, gives the graph `kg ingest` writes
for the same slice, node by node and relationship by relationship with every property.

The import replaces the store files of the server it loads, so this test runs only on the suite's own
local server (`.kg/test`, started by the fixture with a password it made): it is skipped when the tests
use a server given by KG_TEST_NEO4J_URI or a container. The database is claimed (and wiped) by the
`empty_graph` fixture first, and marked as the suite's again after the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from kg.cli.extract import extract_to_jsonl
from kg.ingest.bulk import bulk_import
from kg.ingest.pipeline import ingest
from kg.settings import Settings
from kg.store.db import open_driver, run_read
from kg.store.facts import graph_facts
from tests.integration.conftest import MARK_AS_TEST_DATABASE, TEST_HOME, wipe
from tests.integration.large_corpus import needs_abstracts, write_slice

PAPERS = 60

pytestmark = [needs_abstracts, pytest.mark.timeout(900)]


def test_bulk_import_writes_the_graph_the_online_ingest_writes(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    if not neo4j_settings.manages_local_neo4j or neo4j_settings.data_dir.resolve() != TEST_HOME:
        pytest.skip("the offline import needs the suite's own local server (not KG_TEST_NEO4J_URI or a container)")
    from extractors.pipeline import load_extractor

    path = write_slice(tmp_path / "slice.jsonl", PAPERS, skip=1000)
    extracted = tmp_path / "extracted.jsonl"
    with extracted.open("w", encoding="utf-8") as out:
        assert extract_to_jsonl([path], out).written == PAPERS
    db = neo4j_settings.neo4j_database
    extractor = load_extractor()
    online = ingest(empty_graph, neo4j_settings, [path], extractor.extract_many,
                    extractor_version=extractor.version, rejects=tmp_path / "rejects.jsonl")  # fmt: skip
    assert (online.new, online.extracted) == (PAPERS, PAPERS)
    expected = graph_facts(empty_graph, db)
    wipe(empty_graph, db)

    summary = bulk_import(neo4j_settings, [extracted], work_dir=tmp_path / "csv")

    with open_driver(neo4j_settings) as fresh:
        with fresh.session(database=db) as session:
            session.run(MARK_AS_TEST_DATABASE).consume()  # the suite's own server: its marker again
        loaded = graph_facts(fresh, db)
        indexes = {row["name"] for row in run_read(fresh, "SHOW INDEXES YIELD name RETURN name", db)}
    for _ in range(5):  # the session driver's pooled connections died with the restart: let retries drop them
        run_read(empty_graph, "RETURN 1 AS one", db)
    assert summary.papers == PAPERS and summary.nodes > PAPERS and summary.relationships > PAPERS
    assert loaded == expected
    assert {"paper_text", "entity_names", "paper_id_unique", "entity_key_unique"} <= indexes
    assert not (tmp_path / "csv").exists()
