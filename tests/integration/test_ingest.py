"""Ingest into a real Neo4j: the corpus, idempotence, provenance, extraction writes, bad input, the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from kg.ingest.pipeline import ingest
from kg.ingest.rejects import read_rejects
from kg.model import Claim, EntityMention, Extraction, Label, Paper, Result
from kg.settings import Settings
from kg.store.db import run_read
from kg.store.schema import apply_schema
from kg.store.stats import graph_stats
from tests.integration.corpus import CORPUS_DIR, CORPUS_LISTINGS, CORPUS_PAPERS, real_extractor

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
VOCABULARY = {
    "Transformer": Label.METHOD,
    "quantization": Label.METHOD,
    "MLLM": Label.MODEL,
    "ImageNet": Label.DATASET,
    "accuracy": Label.METRIC,
    "GPU": Label.HARDWARE,
}


class FakeExtractor:
    """A tiny stand-in for the real extractor (not for Neo4j): finds a fixed vocabulary by regex."""

    def __init__(self, version: str = "fake-1", claims: int = 2) -> None:
        self.version = version
        self.claims = claims
        self.calls = 0

    def extract_many(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        for paper in papers:
            self.calls += 1
            yield self.extract(paper)

    def extract(self, paper: Paper) -> Extraction:
        text = paper.text
        entities = [
            EntityMention(m.group(), label, m.start(), m.end(), canonical=word.lower())
            for word, label in VOCABULARY.items()
            for m in re.finditer(rf"\b{word}s?\b", text)
        ]
        results = [Result(metric="accuracy", value="1", subject="transformer", dataset="ImageNet")]
        claims = [Claim(text=text[:20], start=0, end=len(text), factor="depth") for _ in range(self.claims)]
        return Extraction(paper.id, entities, results, claims, self.version)


def count(driver: Driver, query: str, **params: object) -> int:
    return int(run_read(driver, query, "neo4j", **params)[0]["n"])


def settings_for(neo4j_settings: Settings, tmp_path: Path) -> Settings:
    return neo4j_settings.model_copy(update={"data_dir": tmp_path, "batch_size": 200})


def test_corpus_lands_as_614_papers_with_every_listing(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    summary = ingest(empty_graph, settings_for(neo4j_settings, tmp_path), [CORPUS_DIR])
    assert (summary.new, summary.duplicate, summary.rejected) == (CORPUS_PAPERS, CORPUS_LISTINGS - CORPUS_PAPERS, 0)
    assert count(empty_graph, "MATCH (p:Paper) RETURN count(p) AS n") == CORPUS_PAPERS
    assert count(empty_graph, "MATCH (:Paper)-[l:LISTED_IN]->(:Source) RETURN count(l) AS n") == CORPUS_LISTINGS
    repeated = run_read(
        empty_graph,
        "MATCH (p:Paper)-[l:LISTED_IN]->(s:Source) WITH p, collect(s.name + ':' + l.line) AS seen "
        "WHERE size(seen) > 1 RETURN p.title AS title, seen",
        "neo4j",
    )
    assert len(repeated) == 69 and all(len(set(row["seen"])) == len(row["seen"]) for row in repeated)
    meta = run_read(
        empty_graph,
        "MATCH (p:Paper)-[:FROM_ORGANIZATION]->(o:Organization {name: 'NAVER AI Lab'}) RETURN p.date AS date",
        "neo4j",
    )
    assert meta == [{"date": "2020-06-15"}]


def test_ingesting_twice_changes_nothing(empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    settings = settings_for(neo4j_settings, tmp_path)
    fake = FakeExtractor()
    first = ingest(empty_graph, settings, [CORPUS_DIR], fake.extract_many, extractor_version=fake.version)
    before = graph_stats(empty_graph, "neo4j")
    second = ingest(empty_graph, settings, [CORPUS_DIR], fake.extract_many)  # no version: extracts all again
    assert graph_stats(empty_graph, "neo4j") == before
    assert (first.new, second.new, second.unchanged, second.extracted) == (
        CORPUS_PAPERS,
        0,
        CORPUS_PAPERS,
        CORPUS_PAPERS,
    )
    third = ingest(empty_graph, settings, [CORPUS_DIR], fake.extract_many, extractor_version=fake.version)
    assert third.extracted == 0 and graph_stats(empty_graph, "neo4j") == before


def test_extraction_is_written_and_totals_follow_the_relationships(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    fake = FakeExtractor()
    ingest(empty_graph, settings_for(neo4j_settings, tmp_path), [CORPUS_DIR], fake.extract_many)
    mismatched = count(
        empty_graph,
        "MATCH (e:Entity) OPTIONAL MATCH (:Paper)-[m:MENTIONS]->(e) WITH e, sum(m.count) AS total, count(m) AS papers "
        "WHERE e.mentions <> total OR e.paper_count <> papers RETURN count(e) AS n",
    )
    assert mismatched == 0
    assert count(empty_graph, "MATCH (e:Entity:Method {key: 'METHOD:transformer'}) RETURN e.paper_count AS n") > 10
    assert (
        count(empty_graph, "MATCH (:Paper)-[:MENTIONS]->(e:Entity) WHERE size(e.aliases) = 0 RETURN count(*) AS n") == 0
    )
    linked = "MATCH (r:Result)-[:RESULT_FOR]->(:Method {key: 'METHOD:transformer'}) RETURN count(r) AS n"
    assert (
        count(empty_graph, linked)
        == count(empty_graph, "MATCH (p:Paper)-[:MENTIONS]->(:Method {key: 'METHOD:transformer'}) RETURN count(p) AS n")
        > 0
    )
    assert count(empty_graph, "MATCH (c:Claim) WHERE c.extractor_version <> 'fake-1' RETURN count(c) AS n") == 0


def test_re_extraction_with_less_removes_stale_nodes(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    settings = settings_for(neo4j_settings, tmp_path)
    ingest(empty_graph, settings, [DATA / "pairs.txt"], FakeExtractor(claims=3).extract_many)
    assert count(empty_graph, "MATCH (c:Claim) RETURN count(c) AS n") == 9
    ingest(empty_graph, settings, [DATA / "pairs.txt"], FakeExtractor(version="fake-2", claims=1).extract_many)
    assert count(empty_graph, "MATCH (c:Claim) RETURN count(c) AS n") == 3
    assert count(empty_graph, "MATCH (p:Paper {extractor_version: 'fake-2'}) RETURN count(p) AS n") == 3


def test_an_entity_no_longer_mentioned_disappears(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    settings = settings_for(neo4j_settings, tmp_path)
    ingest(empty_graph, settings, [DATA / "pairs.txt"], FakeExtractor().extract_many)
    keys = {row["key"] for row in run_read(empty_graph, "MATCH (e:Entity) RETURN e.key AS key", "neo4j")}
    assert keys

    def nothing(papers: Iterable[Paper]) -> Iterator[Extraction]:
        return (Extraction(paper.id, extractor_version="empty") for paper in papers)

    ingest(empty_graph, settings, [DATA / "pairs.txt"], nothing)
    assert count(empty_graph, "MATCH (e:Entity) RETURN count(e) AS n") == 0
    assert count(empty_graph, "MATCH (r:Result) RETURN count(r) AS n") == 0


def test_the_real_extractor_lands_entities(empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    extract, version = real_extractor()
    settings = settings_for(neo4j_settings, tmp_path)
    first = ingest(empty_graph, settings, [DATA / "daily.txt"], extract, extractor_version=version)
    assert first.extracted == 5
    assert count(empty_graph, "MATCH (:Paper)-[m:MENTIONS]->(:Entity) RETURN count(m) AS n") > 5
    again = ingest(empty_graph, settings, [DATA / "daily.txt"], extract, extractor_version=version)
    assert again.extracted == 0 and again.unchanged == 5


def test_bad_inputs_reject_records_and_keep_the_good(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(DATA / "pairs.txt", inputs / "good.txt")
    (inputs / "bad.jsonl").write_text('{"title": "Only a title"}\nnot json\n')
    (inputs / "empty.txt").write_text("")
    rejects = tmp_path / "rejects.jsonl"
    summary = ingest(
        empty_graph, settings_for(neo4j_settings, tmp_path), [inputs, tmp_path / "missing.txt"], rejects=rejects
    )
    assert summary.new == 3 and summary.rejected == 5  # 2 rows, the jsonl had no papers, empty file, missing file
    reasons = [reject.reason for reject in read_rejects(rejects)]
    assert any("bad.jsonl, line 1" in r and '"abstract"' in r for r in reasons)
    assert any("empty file" in r for r in reasons) and any("missing.txt" in r for r in reasons)


def kg_cli(*args: str, settings: Settings, data_dir: Path, uri: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KG_NEO4J_URI": uri or settings.bolt_uri,
        "KG_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value() if settings.neo4j_password else "",
        "KG_DATA_DIR": str(data_dir),
        "KG_NEO4J_RETRIES": "2",
        "KG_NEO4J_CONNECT_TIMEOUT": "2",
        "COLUMNS": "200",
    }
    command = [sys.executable, "-c", "from kg.cli.main import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_cli_exit_status_is_1_when_records_were_rejected(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    done = kg_cli(
        "ingest", "--no-extract", str(DATA / "pairs.txt"), str(bad), settings=neo4j_settings, data_dir=tmp_path
    )
    assert done.returncode == 1, done.stderr
    assert f"rejected: {bad}, line 1: not JSON" in done.stderr  # the file named as it was given
    assert "new" in done.stdout and (tmp_path / "rejects.jsonl").exists()
    assert count(empty_graph, "MATCH (p:Paper) RETURN count(p) AS n") == 3
    stats = kg_cli("stats", "--json", settings=neo4j_settings, data_dir=tmp_path)
    assert stats.returncode == 0 and '"Paper": 3' in stats.stdout


def test_cli_against_an_unreachable_server_is_one_line_and_exit_3(neo4j_settings: Settings, tmp_path: Path) -> None:
    uri = "bolt://127.0.0.1:9"
    started = time.monotonic()
    done = kg_cli("ingest", "--no-extract", str(DATA), settings=neo4j_settings, data_dir=tmp_path, uri=uri)
    assert done.returncode == 3
    assert time.monotonic() - started < 30
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and uri in lines[0] and "Traceback" not in done.stderr


def test_schema_is_idempotent_and_full_text_search_finds_papers(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    ingest(empty_graph, settings_for(neo4j_settings, tmp_path), [DATA / "pairs.txt"])
    apply_schema(empty_graph, "neo4j")
    hits = run_read(
        empty_graph,
        "CALL db.index.fulltext.queryNodes('paper_text', $q) YIELD node RETURN node.title AS title",
        "neo4j",
        q="sparsity",
    )
    assert hits and "Sparsity" in hits[0]["title"]


class Killed(Exception):
    """Stands for the process dying in the middle of a run."""


def test_a_run_killed_midway_converges_on_rerun(empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    settings = settings_for(neo4j_settings, tmp_path).model_copy(update={"batch_size": 50})
    fake = FakeExtractor()

    def dies_after_three_chunks(papers: Iterable[Paper]) -> Iterator[Extraction]:
        if fake.calls >= 150:
            raise Killed
        return fake.extract_many(papers)

    with pytest.raises(Killed):
        ingest(empty_graph, settings, [CORPUS_DIR], dies_after_three_chunks, extractor_version=fake.version)
    rerun = ingest(empty_graph, settings, [CORPUS_DIR], fake.extract_many, extractor_version=fake.version)
    assert rerun.extracted == CORPUS_PAPERS - 150
    stale = count(
        empty_graph,
        "MATCH (e:Entity) OPTIONAL MATCH (:Paper)-[m:MENTIONS]->(e) WITH e, sum(m.count) AS total, count(m) AS papers "
        "WHERE e.mentions IS NULL OR e.mentions <> total OR e.paper_count <> papers RETURN count(e) AS n",
    )
    assert stale == 0
    assert count(empty_graph, "MATCH (p:Paper) WHERE p.extractor_version IS NULL RETURN count(p) AS n") == 0


def test_a_changed_abstract_is_re_extracted_even_after_a_killed_run(
    empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    settings = settings_for(neo4j_settings, tmp_path)
    source = tmp_path / "one.jsonl"
    fake = FakeExtractor()
    source.write_text('{"title": "A Study", "abstract": "A Transformer on ImageNet reaches accuracy."}\n')
    ingest(empty_graph, settings, [source], fake.extract_many, extractor_version=fake.version)
    source.write_text('{"title": "A Study", "abstract": "A GPU study without the other words."}\n')
    changed = ingest(empty_graph, settings, [source], extractor_version=fake.version)  # papers written, no extraction
    assert changed.updated == 1
    rerun = ingest(empty_graph, settings, [source], fake.extract_many, extractor_version=fake.version)
    assert (rerun.unchanged, rerun.extracted) == (1, 1)
    keys = {row["key"] for row in run_read(empty_graph, "MATCH (e:Entity) RETURN e.key AS key", "neo4j")}
    assert keys == {"HARDWARE:gpu"}


def test_cli_exit_status_is_2_when_the_rejects_file_cannot_be_written(neo4j_settings: Settings, tmp_path: Path) -> None:
    done = kg_cli(
        "ingest", "--no-extract", "--rejects", str(tmp_path), str(DATA), settings=neo4j_settings, data_dir=tmp_path
    )
    assert done.returncode == 2 and "rejects file" in done.stderr and "Traceback" not in done.stderr
