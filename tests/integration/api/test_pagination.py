"""Keyset cursors: first page, walking to the last page, bad and foreign cursors, the page-size cap."""

from __future__ import annotations

from typing import Any

import pytest

PAGE = """query($f: Int!, $a: String){ papers(first: $f, after: $a) {
  totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }"""
ENTITY_PAGE = """query($f: Int!, $a: String, $o: EntityOrder!){ entities(orderBy: $o, first: $f, after: $a) {
  edges { cursor node { key } } pageInfo { hasNextPage endCursor } } }"""


def walk(gql: Any, query: str, field: str, size: int, most: int = 10_000, **variables: Any) -> list[str]:
    """The ids of a listing (up to about `most`), page by page, following endCursor while hasNextPage."""
    seen: list[str] = []
    after = None
    for _ in range(1000):
        page = gql(query, {"f": size, "a": after, **variables})["data"][field]
        seen += [edge["node"].get("id") or edge["node"].get("key") for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"] or len(seen) >= most:
            return seen
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("pagination did not end")


def test_first_page(gql: Any) -> None:
    page = gql(PAGE, {"f": 7})["data"]["papers"]
    assert len(page["edges"]) == 7
    assert page["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "endCursor": page["edges"][-1]["cursor"],
    }


def test_walking_all_pages_yields_every_paper_once(gql: Any) -> None:
    total = gql(PAGE, {"f": 1})["data"]["papers"]["totalCount"]
    ids = walk(gql, PAGE, "papers", 100)
    assert len(ids) == len(set(ids)) == total


def test_last_page_is_short_and_final(gql: Any) -> None:
    total = gql(PAGE, {"f": 1})["data"]["papers"]["totalCount"]
    sizes, after, page = [], None, None
    while page is None or page["pageInfo"]["hasNextPage"]:
        page = gql(PAGE, {"f": 100, "a": after})["data"]["papers"]
        sizes.append(len(page["edges"]))
        after = page["pageInfo"]["endCursor"]
    assert sum(sizes) == total and set(sizes[:-1]) == {100}
    assert sizes[-1] == total - 100 * (len(sizes) - 1) and page["pageInfo"]["hasPreviousPage"] is True


def test_after_the_last_row_is_an_empty_page(gql: Any) -> None:
    total = gql(PAGE, {"f": 1})["data"]["papers"]["totalCount"]
    end = gql(PAGE, {"f": 100, "a": None})["data"]["papers"]
    cursor = end["pageInfo"]["endCursor"]
    while end["pageInfo"]["hasNextPage"]:
        end = gql(PAGE, {"f": 100, "a": cursor})["data"]["papers"]
        cursor = end["pageInfo"]["endCursor"]
    empty = gql(PAGE, {"f": 5, "a": cursor})["data"]["papers"]
    assert empty["edges"] == [] and empty["pageInfo"]["hasNextPage"] is False and empty["totalCount"] == total


@pytest.mark.parametrize("order", ["MENTIONS", "PAGERANK", "NAME"])
def test_entity_orders_page_without_gaps_or_repeats(gql: Any, order: str) -> None:
    whole = [e["node"]["key"] for e in gql(ENTITY_PAGE, {"f": 100, "o": order})["data"]["entities"]["edges"]]
    paged = walk(gql, ENTITY_PAGE, "entities", 9, most=100, o=order)[:100]
    assert paged == whole


@pytest.mark.parametrize("cursor", ["not-a-cursor", "a2cxOlsi", "", "a2cxOlsicGFwZXI6aWQiXQ"])
def test_bad_cursor_is_bad_user_input(gql: Any, cursor: str) -> None:
    body = gql(PAGE, {"f": 3, "a": cursor})
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_cursor_of_another_listing_is_refused(gql: Any) -> None:
    paper_cursor = gql(PAGE, {"f": 1})["data"]["papers"]["pageInfo"]["endCursor"]
    body = gql(ENTITY_PAGE, {"f": 3, "a": paper_cursor, "o": "NAME"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("first", [-1, 101, 10_000])
def test_page_size_cap(gql: Any, first: int) -> None:
    body = gql(PAGE, {"f": first})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "between 0 and 100" in body["errors"][0]["message"]
