"""Every root field of the contract, against the corpus graph."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.corpus import CORPUS_PAPERS

PAPER_FIELDS = "id title abstract year date authors organization"


def first_paper_with(gql: Any, label: str) -> dict[str, Any]:
    query = """query($l: EntityLabel){ papers(filter: {label: $l}, first: 1) {
      nodes { id title entities { entity { key label } } } } }"""
    return gql(query, {"l": label})["data"]["papers"]["nodes"][0]


def test_stats_count_the_corpus(gql: Any) -> None:
    stats = gql("{ stats { papers entities claims results mentions entitiesByLabel { label count } } }")["data"][
        "stats"
    ]
    assert stats["papers"] == CORPUS_PAPERS
    assert sum(item["count"] for item in stats["entitiesByLabel"]) == stats["entities"] > 0


def test_paper_by_id_with_its_entities(gql: Any) -> None:
    listed = first_paper_with(gql, "MODEL")
    data = gql(
        "query($id: ID!){ paper(id: $id) { id title entities { count entity { key label } } claims { id paperId } } }",
        {"id": listed["id"]},
    )["data"]["paper"]
    assert data["id"] == listed["id"] and data["title"] == listed["title"]
    assert any(m["entity"]["label"] == "MODEL" for m in data["entities"])
    assert all(m["count"] >= 1 for m in data["entities"])
    assert all(claim["paperId"] == listed["id"] for claim in data["claims"])


def test_unknown_paper_is_null_with_not_found(gql: Any) -> None:
    body = gql('{ paper(id: "000000000000") { id } }')
    assert body["data"]["paper"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_papers_filters_combine(gql: Any) -> None:
    everything = gql("{ papers { totalCount } }")["data"]["papers"]["totalCount"]
    recent = gql("{ papers(filter: {yearFrom: 2025}) { totalCount nodes { year } } }")["data"]["papers"]
    text = gql('{ papers(filter: {text: "quantization"}, first: 100) { totalCount nodes { title abstract } } }')
    assert everything == CORPUS_PAPERS
    assert 0 < recent["totalCount"] < everything and all(n["year"] >= 2025 for n in recent["nodes"])
    nodes = text["data"]["papers"]["nodes"]
    assert nodes and all("quantization" in (n["title"] + n["abstract"]).lower() for n in nodes)


def test_papers_filtered_by_entity_all_mention_it(gql: Any) -> None:
    key = gql("{ entities(first: 1) { nodes { key paperCount } } }")["data"]["entities"]["nodes"][0]
    page = gql(
        "query($k: ID){ papers(filter: {entity: $k}, first: 100) {"
        " totalCount nodes { entities { entity { key } } } } }",
        {"k": key["key"]},
    )["data"]["papers"]
    assert page["totalCount"] == key["paperCount"]
    assert all(any(m["entity"]["key"] == key["key"] for m in n["entities"]) for n in page["nodes"])


def test_search_ranks_by_score(gql: Any) -> None:
    hits = gql('{ search(query: "quantization", first: 5) { score paper { title abstract } } }')["data"]["search"]
    assert len(hits) == 5
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "quantiz" in (hits[0]["paper"]["title"] + hits[0]["paper"]["abstract"]).lower()


def test_bad_lucene_syntax_is_bad_user_input(gql: Any) -> None:
    body = gql('{ search(query: "title:(unbalanced") { score } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_entity_with_neighbourhood(gql: Any) -> None:
    top = gql("{ entities(label: MODEL, first: 1) { nodes { key canonical } } }")["data"]["entities"]["nodes"][0]
    entity = gql(
        """query($k: String!){ entity(label: MODEL, key: $k) {
             key label aliases mentions paperCount
             papers(first: 3) { totalCount nodes { id } }
             coOccurring(first: 5) { papers entity { key } }
             results { id } claims { id } } }""",
        {"k": top["canonical"]},
    )["data"]["entity"]
    assert entity["key"] == top["key"] and entity["label"] == "MODEL"
    assert entity["papers"]["totalCount"] == entity["paperCount"] >= 1
    shared = [row["papers"] for row in entity["coOccurring"]]
    assert shared == sorted(shared, reverse=True) and top["key"] not in [
        r["entity"]["key"] for r in entity["coOccurring"]
    ]


def test_entity_unknown_is_not_found(gql: Any) -> None:
    body = gql('{ entity(label: DATASET, key: "no-such-dataset") { key } }')
    assert body["data"]["entity"] is None and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_entities_orders(gql: Any) -> None:
    by_mentions = gql("{ entities(first: 20) { nodes { mentions } } }")["data"]["entities"]["nodes"]
    by_name = gql("{ entities(orderBy: NAME, first: 20) { nodes { name } } }")["data"]["entities"]["nodes"]
    by_rank = gql("{ entities(orderBy: PAGERANK, label: METRIC, first: 20) { nodes { label } } }")["data"]["entities"]
    assert [n["mentions"] for n in by_mentions] == sorted((n["mentions"] for n in by_mentions), reverse=True)
    assert [n["name"].lower() for n in by_name] == sorted(n["name"].lower() for n in by_name)
    assert {n["label"] for n in by_rank["nodes"]} == {"METRIC"}


def test_topics_are_those_of_the_current_run(gql: Any) -> None:
    data = gql(
        "{ stats { topics currentRun } topics { id size papers(first: 2) { totalCount } topEntities { papers } } }"
    )
    topics, stats = data["data"]["topics"], data["data"]["stats"]
    assert len(topics) == stats["topics"]
    assert all(topic["papers"]["totalCount"] >= 1 for topic in topics)
    if stats["currentRun"] is None:
        assert topics == []


def test_unknown_topic_is_not_found(gql: Any) -> None:
    body = gql('{ topic(id: "no-run:0") { id } }')
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_claims_by_factor_and_paper(gql: Any) -> None:
    some = gql("{ claims(first: 50) { totalCount nodes { id factor paperId paper { id } entities { key } } } }")
    claims = some["data"]["claims"]
    assert claims["totalCount"] > 0
    assert all(c["paper"]["id"] == c["paperId"] for c in claims["nodes"])
    factor = next(c["factor"] for c in claims["nodes"] if c["factor"])
    of_factor = gql("query($f: String){ claims(factor: $f, first: 100) { nodes { factor } } }", {"f": factor})
    assert {c["factor"] for c in of_factor["data"]["claims"]["nodes"]} == {factor}
    paper_id = claims["nodes"][0]["paperId"]
    of_paper = gql("query($p: ID){ claims(paperId: $p) { nodes { paperId } } }", {"p": paper_id})
    assert {c["paperId"] for c in of_paper["data"]["claims"]["nodes"]} == {paper_id}


def test_contradictions_carry_both_sides(gql: Any) -> None:
    data = gql(
        """{ stats { contradictions } contradictions(first: 10, minConfidence: 0) { totalCount nodes {
             confidence strength factor outcome differs reason claim { id paperId factor polarity }
             other { id paperId factor polarity } paper { id } otherPaper { id } } }
             confident: contradictions(minConfidence: 0.99) { totalCount } }"""
    )["data"]
    page = data["contradictions"]
    assert page["totalCount"] == data["stats"]["contradictions"] >= data["confident"]["totalCount"]
    for row in page["nodes"]:
        assert row["paper"]["id"] == row["claim"]["paperId"] and row["otherPaper"]["id"] == row["other"]["paperId"]
        assert row["claim"]["factor"] and row["other"]["polarity"] and row["reason"].startswith("A: ")
    confidences = [row["confidence"] for row in page["nodes"]]
    assert confidences == sorted(confidences, reverse=True)


def test_citations_both_ways(gql: Any) -> None:
    paper = first_paper_with(gql, "MODEL")
    data = gql(
        "query($id: ID!){ citations(paperId: $id) {"
        " paper { id } cites { inferred paper { id } } citedBy { paper { id } } } }",
        {"id": paper["id"]},
    )["data"]["citations"]
    assert data["paper"]["id"] == paper["id"]
    assert all(c["paper"]["id"] != paper["id"] for c in data["cites"] + data["citedBy"])


def test_path_between_a_paper_and_its_entity(gql: Any) -> None:
    paper = first_paper_with(gql, "MODEL")
    key = paper["entities"][0]["entity"]["key"]
    path = gql(
        "query($a: ID!, $b: ID!){ path(fromId: $a, toId: $b, maxHops: 3) { length nodes { id kind } links { type } } }",
        {"a": paper["id"], "b": key},
    )["data"]["path"]
    assert path["length"] == 1 and [n["id"] for n in path["nodes"]] == [paper["id"], key]
    assert path["links"][0]["type"] == "MENTIONS"


def test_path_between_two_papers_through_an_entity(gql: Any) -> None:
    key = gql("{ entities(first: 1) { nodes { key papers(first: 2) { nodes { id } } } } }")["data"]["entities"][
        "nodes"
    ][0]
    a, b = (n["id"] for n in key["papers"]["nodes"])
    path = gql("query($a: ID!, $b: ID!){ path(fromId: $a, toId: $b) { length nodes { kind } } }", {"a": a, "b": b})
    assert path["data"]["path"]["length"] == 2
    assert [n["kind"] for n in path["data"]["path"]["nodes"]] == ["PAPER", "ENTITY", "PAPER"]


def test_path_rejects_bad_hops_and_unknown_ends(gql: Any) -> None:
    hops = gql('{ path(fromId: "a", toId: "b", maxHops: 99) { length } }')
    unknown = gql('{ path(fromId: "000000000000", toId: "MODEL:none", maxHops: 2) { length } }')
    assert hops["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_analysis_runs_list_the_current_one(gql: Any) -> None:
    data = gql("{ stats { currentRun } analysisRuns { id current status } }")["data"]
    current = [run["id"] for run in data["analysisRuns"] if run["current"]]
    assert current == ([data["stats"]["currentRun"]] if data["stats"]["currentRun"] else [])


def test_topic_with_papers_entities_and_leaders(gql: Any) -> None:
    topics = gql("{ topics { id size } }")["data"]["topics"]
    if not topics:
        return
    topic = gql(
        """query($t: ID!){ topic(id: $t) { id size papers(first: 100) { totalCount nodes { id topics { id } } }
             topEntities(first: 5) { papers entity { key } } citationLeaders(first: 3) { id citationCount } } }""",
        {"t": topics[0]["id"]},
    )["data"]["topic"]
    assert topic["papers"]["totalCount"] == topic["size"] == len(topic["papers"]["nodes"])
    assert all(topics[0]["id"] in [t["id"] for t in n["topics"]] for n in topic["papers"]["nodes"])
    shared = [row["papers"] for row in topic["topEntities"]]
    assert shared == sorted(shared, reverse=True) and all(0 < n <= topic["size"] for n in shared)
    cited = [paper["citationCount"] or 0 for paper in topic["citationLeaders"]]
    assert cited == sorted(cited, reverse=True)
    in_topic = {n["id"] for n in topic["papers"]["nodes"]}
    assert {paper["id"] for paper in topic["citationLeaders"]} <= in_topic


def test_anchored_filters_agree_with_the_scan(gql: Any) -> None:
    topics = gql("{ topics { id } }")["data"]["topics"]
    ranked = gql("{ entities(first: 50) { nodes { key paperCount } } }")["data"]["entities"]["nodes"]
    entity = next(e["key"] for e in ranked if 5 <= e["paperCount"] <= 100)
    query = "query($f: PaperFilterInput){ papers(filter: $f, first: 100) { totalCount nodes { id year } } }"
    with_year = gql(query, {"f": {"entity": entity, "yearFrom": 2025}})["data"]["papers"]
    everything = gql(query, {"f": {"entity": entity}})["data"]["papers"]
    assert {n["id"] for n in with_year["nodes"]} == {n["id"] for n in everything["nodes"] if (n["year"] or 0) >= 2025}
    if topics:
        both = gql(query, {"f": {"entity": entity, "topic": topics[0]["id"]}})["data"]["papers"]["nodes"]
        of_topic = gql(query, {"f": {"topic": topics[0]["id"]}})["data"]["papers"]["nodes"]
        assert {n["id"] for n in both} == {n["id"] for n in everything["nodes"]} & {n["id"] for n in of_topic}


def test_paper_entities_by_label_and_first(gql: Any) -> None:
    paper = first_paper_with(gql, "MODEL")
    data = gql(
        """query($id: ID!){ paper(id: $id) { all: entities { entity { key label } }
             models: entities(label: MODEL) { entity { label } } two: entities(first: 2) { entity { key } } } }""",
        {"id": paper["id"]},
    )["data"]["paper"]
    assert data["models"] and {m["entity"]["label"] for m in data["models"]} == {"MODEL"}
    assert len(data["models"]) == sum(m["entity"]["label"] == "MODEL" for m in data["all"])
    assert [m["entity"]["key"] for m in data["two"]] == [m["entity"]["key"] for m in data["all"][:2]]


@pytest.mark.parametrize("spelling", ["{canonical}", "{label}:{canonical}", "{upper}", "{spaced}"])
def test_entity_key_spellings(gql: Any, spelling: str) -> None:
    ranked = gql("{ entities(label: METHOD, first: 100) { nodes { key canonical } } }")["data"]["entities"]["nodes"]
    entity = next(e for e in ranked if "-" in e["canonical"])
    key = spelling.format(
        canonical=entity["canonical"],
        label="METHOD",
        upper=entity["canonical"].upper(),
        spaced=entity["canonical"].replace("-", " ").title(),
    )
    found = gql("query($k: String!){ entity(label: METHOD, key: $k) { key } }", {"k": key})["data"]["entity"]
    assert found == {"key": entity["key"]}
