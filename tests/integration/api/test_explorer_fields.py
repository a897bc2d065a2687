"""The API fields added for the explorer, checked against the graph they read."""

from __future__ import annotations

import re
from typing import Any

SEARCH = """
{ search(query: "quantization", first: 10) {
    paper { id entities { entity { key name aliases } } } matchedEntities { key name aliases } } }
"""
TIMELINE = (
    "query($l: EntityLabel!, $k: String!) { entity(label: $l, key: $k) { mentionsOverTime { year month papers } } }"
)


def data(gql: Any, query: str, **variables: Any) -> Any:
    answer = gql(query, variables)
    assert "errors" not in answer, answer
    return answer["data"]


def test_matched_entities_are_the_hits_entities_named_by_a_query_word(gql: Any) -> None:
    hits = data(gql, SEARCH)["search"]
    assert any(hit["matchedEntities"] for hit in hits)
    for hit in hits:
        mentioned = {m["entity"]["key"]: m["entity"] for m in hit["paper"]["entities"]}
        expected = {
            key
            for key, entity in mentioned.items()
            if any("quantization" in name.lower() for name in [entity["name"], key, *entity["aliases"]])
        }
        assert {entity["key"] for entity in hit["matchedEntities"]} == expected


def test_mentions_over_time_count_the_dated_papers(gql: Any) -> None:
    top = data(gql, "{ entities(first: 1) { nodes { key label canonical paperCount } } }")["entities"]["nodes"][0]
    periods = data(
        gql,
        TIMELINE,
        l=top["label"],
        k=top["canonical"],
    )["entity"]["mentionsOverTime"]
    years = [period["year"] for period in periods]
    assert years == sorted(years) and periods
    papers = data(
        gql, "query($e: ID) { papers(filter: {entity: $e}, first: 100) { nodes { year date } } }", e=top["key"]
    )
    dated = [p for p in papers["papers"]["nodes"] if p["year"] is not None]
    assert sum(period["papers"] for period in periods) == len(dated) <= top["paperCount"]
    by_month = {
        (p["year"], int(p["date"][5:7]) if re.fullmatch(r"\d{4}-\d\d.*", p["date"] or "") else None) for p in dated
    }
    assert {(period["year"], period["month"]) for period in periods} == by_month


def test_a_papers_contradictions_are_those_of_the_listing_that_involve_it(gql: Any) -> None:
    listing = data(
        gql, "{ contradictions(minConfidence: 0, first: 100) { nodes { id claim { paperId } other { paperId } } } }"
    )
    pairs = listing["contradictions"]["nodes"]
    paper_id = pairs[0]["claim"]["paperId"]
    involving = {p["id"] for p in pairs if paper_id in (p["claim"]["paperId"], p["other"]["paperId"])}
    own = data(
        gql,
        "query($id: ID!) { paper(id: $id) { contradictions(minConfidence: 0, first: 100) { id claim { paperId } } } }",
        id=paper_id,
    )
    links = own["paper"]["contradictions"]
    assert {link["id"] for link in links} >= involving
    assert all(link["claim"]["paperId"] == paper_id for link in links)


SUPPORTS_PAGE = """
query($after: String) { papers(first: 100, after: $after) {
    nodes { id supports { id confidence claim { paperId } other { paperId } } } pageInfo { hasNextPage endCursor } } }
"""


def every_paper_with_supports(gql: Any) -> list[dict[str, Any]]:
    linked, after = [], None
    while True:
        page = data(gql, SUPPORTS_PAGE, after=after)["papers"]
        linked += [paper for paper in page["nodes"] if paper["supports"]]
        if not page["pageInfo"]["hasNextPage"]:
            return linked
        after = page["pageInfo"]["endCursor"]


def test_supports_link_a_papers_claims_to_agreeing_claims(gql: Any) -> None:
    linked = every_paper_with_supports(gql)
    assert linked, "the analysed corpus has supports"
    for paper in linked:
        scores = [link["confidence"] or 0 for link in paper["supports"]]
        assert scores == sorted(scores, reverse=True)
        assert all(link["claim"]["paperId"] == paper["id"] != link["other"]["paperId"] for link in paper["supports"])


def test_min_confidence_keeps_the_pairs_scored_at_least_that(gql: Any) -> None:
    every = data(gql, "{ contradictions(minConfidence: 0, first: 100) { totalCount nodes { confidence } } }")[
        "contradictions"
    ]
    cut = sorted(node["confidence"] for node in every["nodes"])[len(every["nodes"]) // 2]
    kept = data(
        gql,
        "query($m: Float) { contradictions(minConfidence: $m, first: 100) { totalCount nodes { confidence } } }",
        m=cut,
    )
    assert all(node["confidence"] >= cut for node in kept["contradictions"]["nodes"])
    assert 0 < kept["contradictions"]["totalCount"] < every["totalCount"]


def test_topics_carry_the_map_positions_the_run_computed(gql: Any) -> None:
    topics = data(gql, "{ topics { id x y } }")["topics"]
    assert len(topics) > 2
    points = {(t["x"], t["y"]) for t in topics}
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    assert len(points) == len(topics), "every topic has its own place"
