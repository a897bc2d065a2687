"""The shipped corpus ingested with the real extractor into the test Neo4j, shared by tests.

`ensure_corpus` is cheap when the graph already holds exactly the corpus (two count queries) and
wipes and re-ingests otherwise, so a test that emptied the graph does not break later users.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from kg.ingest.pipeline import Extract, ingest
from kg.settings import Settings
from kg.store.db import run_read

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO / "data" / "corpus"
CORPUS_PAPERS = 614
CORPUS_LISTINGS = 694

_HOLDS_CORPUS = """
MATCH (p:Paper)
WITH count(p) AS papers,
     count(CASE WHEN p.extractor_version = $version THEN 1 END) AS extracted
OPTIONAL MATCH (:Paper)-[l:LISTED_IN]->(:Source)
RETURN papers, extracted, count(l) AS listings
"""


def real_extractor() -> tuple[Extract, str]:
    """The project's extractor. It is part of the project: an import error fails the test, never skips it."""
    from extractors.pipeline import load_extractor

    extractor = load_extractor()
    return extractor.extract_many, extractor.version


def holds_corpus(driver: Driver, database: str, version: str) -> bool:
    (row,) = run_read(driver, _HOLDS_CORPUS, database, version=version)
    return row["papers"] == CORPUS_PAPERS and row["listings"] == CORPUS_LISTINGS and row["extracted"] == CORPUS_PAPERS


def ensure_corpus(driver: Driver, settings: Settings, tmp_dir: Path) -> None:
    """Make the graph hold exactly the corpus, extracted by the current extractor."""
    from tests.integration.conftest import wipe

    extract, version = _extractor_once()
    if holds_corpus(driver, settings.neo4j_database, version):
        return
    wipe(driver, settings.neo4j_database)
    summary = ingest(
        driver, settings, [CORPUS_DIR], extract, extractor_version=version, rejects=tmp_dir / "corpus-rejects.jsonl"
    )
    assert summary.rejected == 0 and summary.new == CORPUS_PAPERS, summary


_EXTRACTOR: list[tuple[Extract, str]] = []


def _extractor_once() -> tuple[Extract, str]:
    if not _EXTRACTOR:
        _EXTRACTOR.append(real_extractor())
    return _EXTRACTOR[0]
