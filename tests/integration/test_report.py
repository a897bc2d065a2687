"""A report rendered from the real Neo4j loaded with the corpus and analysed once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kg.model import Label, Paper, paper_id
from kg.reports.build import build_report
from kg.settings import Settings
from kg.store.papers import write_papers
from kg.store.stats import graph_stats
from tests.chromium import colour_count, inked_fraction, open_page
from tests.integration.analysis import ensure_analysis

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def report_dir(corpus_graph: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One report of the corpus graph with one analysis run current (as the `analyzed_graph` fixture makes)."""
    ensure_analysis(corpus_graph, neo4j_settings)
    out = tmp_path_factory.mktemp("report")
    build_report(corpus_graph, neo4j_settings, out)
    return out


@pytest.fixture(scope="module")
def figures(report_dir: Path) -> dict[str, Any]:
    loaded = json.loads((report_dir / "figures.json").read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_report_files_exist(report_dir: Path) -> None:
    for name in ("index.html", "report.md", "figures.json"):
        assert (report_dir / name).stat().st_size > 500, name


def test_figures_agree_with_the_graph(corpus_graph: Driver, neo4j_settings: Settings, figures: dict[str, Any]) -> None:
    stats = graph_stats(corpus_graph, neo4j_settings.neo4j_database)
    overview = figures["overview"]
    assert overview["papers"] == stats.nodes["Paper"] == 614
    for label in Label:
        assert overview["entities_by_label"].get(label.value, 0) == stats.nodes.get(label.node_label.value, 0)
    assert overview["claims"] == stats.nodes.get("Claim", 0)
    assert overview["results"] == stats.nodes.get("Result", 0)
    assert len(figures["papers"]) == 614
    assert overview["date_min"] <= overview["date_max"]
    runs = stats.nodes.get("AnalysisRun", 0)
    if runs == 1:  # one analysis: every topic, inferred citation and contradiction belongs to it
        assert len(figures["topics"]) == stats.nodes.get("Topic", 0)
        assert sum(t["size"] for t in figures["topics"]) == stats.relationships.get("IN_TOPIC", 0)
        assert overview["contradictions"] == stats.relationships.get("CONTRADICTS", 0)
        assert overview["citations"] == stats.relationships.get("CITES", 0)


def test_sections_are_ranked(figures: dict[str, Any]) -> None:
    for label, rows in figures["top_entities"].items():
        counts = [r["paper_count"] for r in rows]
        assert counts == sorted(counts, reverse=True), label
        assert all(r["label"] == label for r in rows)
    assert figures["top_entities"]["MODEL"], "the corpus has models"
    cited = [p["citation_count"] for p in figures["most_cited"]]
    assert cited and cited == sorted(cited, reverse=True) and cited[-1] > 0
    scores = [c["score"] for c in figures["contradictions"]]
    assert scores == sorted(scores, reverse=True)
    for c in figures["contradictions"]:
        assert c["left"]["text"] and c["right"]["text"]
    for trend in figures["rising"]:
        assert trend["slope"] > 0 and sum(trend["counts"]) >= 3


def test_report_again_into_the_same_folder_shows_no_change(
    corpus_graph: Driver, neo4j_settings: Settings, report_dir: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    build_report(corpus_graph, neo4j_settings, again, previous=report_dir / "figures.json")
    changes = json.loads((again / "figures.json").read_text())["changes"]
    assert changes["first"] is False
    assert changes["new_papers"] == [] and changes["new_contradictions"] == []


@pytest.mark.browser
def test_the_corpus_report_in_chromium(report_dir: Path, tmp_path: Path) -> None:
    run = open_page((report_dir / "index.html").as_uri(), tmp_path / "corpus-report.png")
    assert run.console == []
    assert colour_count(run.screenshot) > 100
    assert inked_fraction(run.screenshot) > 0.2


HOSTILE_TITLE = "<script>alert('t')</script> MATCH (n) DETACH DELETE n // *x* | \x07\x1b end"
HOSTILE_ABSTRACT = "<img src=x onerror=alert(1)> We show that deeper networks are better."


@pytest.fixture
def hostile_paper(corpus_graph: Driver, neo4j_settings: Settings) -> Iterator[Paper]:
    """One paper with markup, Cypher and control characters in its text, removed again afterwards."""
    paper = Paper(id=paper_id(HOSTILE_TITLE), title=HOSTILE_TITLE, abstract=HOSTILE_ABSTRACT)
    write_papers(corpus_graph, neo4j_settings.neo4j_database, [paper])
    try:
        yield paper
    finally:
        with corpus_graph.session(database=neo4j_settings.neo4j_database) as session:
            session.run("MATCH (p:Paper {id: $id}) DETACH DELETE p", id=paper.id).consume()


def test_hostile_text_is_stored_as_written_and_shown_inert(
    corpus_graph: Driver, neo4j_settings: Settings, report_dir: Path, hostile_paper: Paper, tmp_path: Path
) -> None:
    build_report(corpus_graph, neo4j_settings, tmp_path, previous=report_dir / "figures.json")
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert figures["papers"][hostile_paper.id] == HOSTILE_TITLE, "stored and read back exactly as written"
    assert [p["id"] for p in figures["changes"]["new_papers"]] == [hostile_paper.id]
    page = (tmp_path / "index.html").read_text()
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; MATCH (n) DETACH DELETE n" in page
    assert "\x07" not in page and "\u2407" in page
    markdown = (tmp_path / "report.md").read_text()
    assert r"\<script\>alert('t')\</script\> MATCH (n) DETACH DELETE n" in markdown
