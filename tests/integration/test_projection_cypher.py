"""The projection-query builder: every shape it supports compiles (EXPLAIN) and answers what the
per-field reads answer, on the analysed corpus."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.settings import Settings
from kg.store.cypher import projection
from kg.store.cypher.projection import _PAPER_FILTERS, Statement
from kg.store.reads import FIRST_PAGE, After, GraphReader, PaperFilter
from kg.store.shapes import EntityShape, MentionList, PaperPage, PaperShape, TopicShape

NAMES = EntityShape(("name", "canonical", "mentions"))
PAPER_FLAT = PaperShape(("title", "year", "authors"))
PAPER_NESTED = PaperShape(
    ("title", "abstract", "pagerank"),
    entities=(MentionList(NAMES), MentionList(NAMES, label="MODEL", limit=3)),
    topics=(TopicShape(("label", "size", "top_terms")),),
)
DEEP = EntityShape(("name",), papers=(PaperPage(PAPER_NESTED, limit=6), PaperPage(PAPER_FLAT, 3, after_id="5")))
TOPIC_PAGES = TopicShape(
    ("label",),
    papers=(
        PaperPage(PaperShape(("title",), entities=(MentionList(DEEP, limit=2),)), 4),
        PaperPage(PAPER_FLAT, 3, after_id="5"),
    ),
)

STATEMENTS: dict[str, Statement] = {
    "paper, properties only": projection.paper_by_id(PAPER_FLAT),
    "paper, entities and topics": projection.paper_by_id(PAPER_NESTED),
    "paper, topics with their papers": projection.paper_by_id(PaperShape(("title",), topics=(TOPIC_PAGES,))),
    "page of all papers": projection.paper_page((), PAPER_NESTED, after=False),
    "page of all papers, every filter": projection.paper_page(tuple(_PAPER_FILTERS), PAPER_FLAT, after=True),
    "page of a topic's papers": projection.paper_page(("topic", "year_from"), PAPER_NESTED, after=True),
    "page of an entity's papers": projection.paper_page(
        ("entity",), PaperShape(("title",), (MentionList(DEEP),)), after=False
    ),
    "page of papers with a label": projection.paper_page(("label", "text", "year_to"), PAPER_FLAT, after=False),
    "entity, properties only": projection.entity_by_keys(NAMES),
    "entity, papers, entities, papers": projection.entity_by_keys(DEEP),
    "topic, properties only": projection.topic_by_id(TopicShape(("label", "run"))),
    "topic, papers, entities, papers": projection.topic_by_id(TOPIC_PAGES),
}


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_statement_compiles(driver: Driver, neo4j_settings: Settings, name: str) -> None:
    with driver.session(database=neo4j_settings.neo4j_database, notifications_min_severity="OFF") as session:
        session.run("EXPLAIN " + STATEMENTS[name].text, STATEMENTS[name].params).consume()


def test_unknown_properties_are_refused() -> None:
    with pytest.raises(ValueError, match="'password' is not a stored property of Paper"):
        projection.paper_by_id(PaperShape(("title", "password")))


def test_values_are_parameters_never_text() -> None:
    statement = projection.paper_by_id(PaperShape(("id",), (MentionList(NAMES, label="MODEL') //", limit=7),)))
    assert "MODEL" not in statement.text and "7" not in statement.text
    assert set(statement.params.values()) == {"MODEL') //", 7}


@pytest.fixture
def reader(analyzed_graph: Driver, neo4j_settings: Settings) -> GraphReader:
    return GraphReader(analyzed_graph, neo4j_settings.neo4j_database)


def test_a_page_answers_what_the_per_field_reads_answer(reader: GraphReader) -> None:
    plain = reader.paper_page(PaperFilter(), FIRST_PAGE, 30)
    projected = reader.project_paper_page(PaperFilter(), FIRST_PAGE, 30, PAPER_NESTED)
    assert [row["id"] for row in projected] == [row["id"] for row in plain]
    assert [row["title"] for row in projected] == [row["title"] for row in plain]
    ids = [row["id"] for row in plain]
    entities, topics = reader.entities_of_papers(ids), reader.topics_of_papers(ids)
    for row in projected:
        expected = [(e["key"], e["count"]) for e in entities.get(row["id"], [])]
        assert [(m["entity"]["key"], m["count"]) for m in row["entities_0"]] == expected
        models = [key for key, _ in expected if key.startswith("MODEL:")][:3]
        assert [m["entity"]["key"] for m in row["entities_1"]] == models
        assert [t["id"] for t in row["topics_0"]] == [t["id"] for t in topics.get(row["id"], [])]
        assert set(row) == {"id", "title", "abstract", "pagerank", "entities_0", "entities_1", "topics_0"}


@pytest.mark.parametrize(
    "where",
    [PaperFilter(topic="?", year_from=2024), PaperFilter(label="HARDWARE"), PaperFilter(text="quantiz")],
    ids=["topic and year", "label", "text"],
)
def test_filtered_pages_match_the_named_reads(reader: GraphReader, where: PaperFilter) -> None:
    if where.topic == "?":
        where = PaperFilter(topic=reader.topics()[0]["id"], year_from=where.year_from)
    plain = [row["id"] for row in reader.paper_page(where, FIRST_PAGE, 100)]
    assert plain, "the filter should keep some papers"
    assert [row["id"] for row in reader.project_paper_page(where, FIRST_PAGE, 100, PAPER_FLAT)] == plain
    later = reader.project_paper_page(where, After(id=plain[0]), 100, PAPER_FLAT)
    assert [row["id"] for row in later] == plain[1:]


def test_nested_pages_are_keyset_pages(reader: GraphReader) -> None:
    key = "METHOD:transformer"
    everything = [row["id"] for row in reader.paper_page(PaperFilter(entity=key), FIRST_PAGE, 100)]
    entity = reader.project_entity(["METHOD:no-such-thing", key], DEEP)
    assert entity is not None and entity["key"] == key
    assert [row["id"] for row in entity["papers_0"]] == everything[:6]
    assert [row["id"] for row in entity["papers_1"]] == [i for i in everything if i > "5"][:3]
    after = reader.project_paper_page(PaperFilter(entity=key), After(id=everything[1]), 2, PAPER_FLAT)
    assert [row["id"] for row in after] == everything[2:4]


def test_nested_topic_pages_are_keyset_pages(reader: GraphReader) -> None:
    topic = reader.topics()[0]["id"]
    everything = [row["id"] for row in reader.paper_page(PaperFilter(topic=topic), FIRST_PAGE, 100)]
    found = reader.project_topic(topic, TOPIC_PAGES)
    assert found is not None and found["id"] == topic
    assert [row["id"] for row in found["papers_0"]] == everything[:4]
    assert [row["id"] for row in found["papers_1"]] == [i for i in everything if i > "5"][:3]
