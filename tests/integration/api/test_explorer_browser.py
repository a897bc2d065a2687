"""The explorer page in a real headless Chromium, on the corpus graph: search → paper → contradiction →
entity → topics, each page's content checked against the API's own answers, no console errors, nothing
fetched from outside this machine, no serious axe-core violations, and a screenshot of each page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from api.web import EXPLORER
from tests.chromium import Tab, browser_tab, chromium, inked_fraction
from tests.integration.api.conftest import LiveServer, post
from tests.integration.api.explorer_pages import AXE, serious_violations, shot, wait_ready

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CONTRADICTION = """
{ contradictions(minConfidence: 0, first: 1) { nodes { factor claim { text } other { text } paper { id title } } } }
"""
SEARCH = """
query($q: String!) { search(query: $q, first: 20) { paper { id title } matchedEntities { name } } }
"""
PAPER = """
query($id: ID!) {
  paper(id: $id) { title entities { entity { key name } } results { id } claims { text }
                   contradictions { id } supports { id } }
  citations(paperId: $id) { cites { paper { id } } citedBy { paper { id } } }
}
"""
CONTRADICTIONS = """
query($factor: String, $after: String, $first: Int! = 10) {
  contradictions(factor: $factor, minConfidence: 0, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id claim { text } other { text } }
  }
}
"""
ENTITY = """
query($label: EntityLabel!, $key: String!) {
  entity(label: $label, key: $key) { name aliases paperCount coOccurring(first: 12) { entity { name } }
                                      mentionsOverTime { year papers } }
}
"""
TOPICS = "{ topics { id label x y } }"
TOPIC = """
query($id: ID!) {
  topic(id: $id) { papers(first: 20) { totalCount nodes { id } } topEntities(first: 10) { entity { name } } }
}
"""


@pytest.fixture(scope="module", autouse=True)
def _warm(client: httpx.Client) -> None:
    """Neo4j plans each statement on first use, which takes seconds on a loaded machine (past the API's
    read timeout when a page asks for many at once): ask once for what the pages ask, until it answers."""
    pair = warm(client, CONTRADICTION)["contradictions"]["nodes"][0]
    warm(client, PAPER, id=pair["paper"]["id"])
    warm(client, SEARCH, q="quantization")
    warm(client, CONTRADICTIONS, factor=pair["factor"])
    warm(client, ENTITY, label="MODEL", key="llava")
    topics = warm(client, TOPICS)["topics"]
    warm(client, TOPIC, id=topics[0]["id"])


def warm(client: httpx.Client, query: str, **variables: Any) -> Any:
    for _ in range(4):
        answer = post(client, query, variables)
        if "errors" not in answer:
            return answer["data"]
    raise AssertionError(f"the API does not answer {query!r}: {answer}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not AXE.is_file() or not (EXPLORER / "index.html").is_file():
        pytest.fail("the explorer is not built: run `make frontend`")
    with chromium() as running:
        yield running


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    with browser_tab(browser, width=1280, height=900) as opened:
        yield opened
    assert opened.errors() == [], "the page logged errors"
    assert opened.blocked == [], "the page tried to reach another machine"


def texts(page: Page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


def data(gql: Any, query: str, **variables: Any) -> Any:
    answer = gql(query, variables)
    assert "errors" not in answer, answer
    return answer["data"]


def check_accessible(page: Page) -> None:
    assert serious_violations(page) == []


def test_search_paper_contradiction_entity_topics(tab: Tab, live_server: LiveServer, gql: Any, tmp_path: Path) -> None:
    page, base = tab.page, live_server.url
    pair = data(gql, CONTRADICTION)["contradictions"]["nodes"][0]
    title = pair["paper"]["title"]
    words = " ".join(re.findall(r"[A-Za-z]{4,}", title)[:5])

    # search: typed, debounced, answered like the API
    page.goto(f"{base}/")
    page.fill("#q", words)
    page.wait_for_url(re.compile(r"/search\?q="))
    wait_ready(page)
    hits = data(gql, SEARCH, q=words)["search"]
    page.wait_for_function(f"document.querySelectorAll('.hit').length === {len(hits)}")
    assert texts(page, ".hit > a") == [hit["paper"]["title"] for hit in hits]
    first_chips = texts(page, ".hit:first-child .chip")
    assert [re.sub(r"^\w+\s+", "", chip) for chip in first_chips] == [e["name"] for e in hits[0]["matchedEntities"]]
    check_accessible(page)
    assert inked_fraction(shot(page, tmp_path, "1-search")) > 0.02

    # paper: followed from its hit
    page.click(f".hit > a:text-is({title!r})")
    page.wait_for_url(f"**/paper/{pair['paper']['id']}")
    wait_ready(page)
    paper = data(gql, PAPER, id=pair["paper"]["id"])
    assert page.inner_text("h1") == paper["paper"]["title"]
    assert page.locator("#entities ~ .entity-group .chip, section:has(#entities) .chip").count() == len(
        paper["paper"]["entities"]
    )
    assert page.locator("section:has(#results) tbody tr").count() == len(paper["paper"]["results"])
    assert texts(page, ".claims q") == [claim["text"] for claim in paper["paper"]["claims"]]
    assert page.locator("section:has(#contradictions) .pair").count() == len(paper["paper"]["contradictions"])
    assert f"Supported by ({len(paper['paper']['supports'])})" in page.inner_text("#supports")
    assert f"Cites ({len(paper['citations']['cites'])})" in page.inner_text("section:has(#citations)")
    assert f"Cited by ({len(paper['citations']['citedBy'])})" in page.inner_text("section:has(#citations)")
    check_accessible(page)
    shot(page, tmp_path, "2-paper")

    # contradictions: filtered by the pair's factor, answered like the API, paged by its cursors
    page.click("nav[aria-label=Sections] >> text=Contradictions")
    wait_ready(page)
    page.fill("#factor", pair["factor"])
    page.fill("#min", "0")  # every link, whatever the calibrated threshold keeps on this graph
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"factor="))
    wait_ready(page)
    listing = data(gql, CONTRADICTIONS, factor=pair["factor"])["contradictions"]
    page.wait_for_function(f"document.querySelectorAll('.pair').length === {len(listing['nodes'])}")
    assert f"{listing['totalCount']} pair" in page.inner_text("main .count")
    sides = texts(page, ".pair .side q")
    assert sides[:2] == [listing["nodes"][0]["claim"]["text"], listing["nodes"][0]["other"]["text"]]
    check_accessible(page)
    shot(page, tmp_path, "3-contradictions")

    # entity: the first chip of the paper of the first pair
    page.click(".pair .side a >> nth=0")
    wait_ready(page)
    page.click("section:has(#entities) .chip >> nth=0")
    page.wait_for_url(re.compile(r"/entity/"))
    wait_ready(page)
    label, key = page.url.split("/entity/", 1)[1].split("/", 1)
    entity = data(gql, ENTITY, label=label, key=key.replace("%2F", "/"))["entity"]
    assert page.inner_text("h1") == entity["name"]
    assert f"in {entity['paperCount']} paper" in page.inner_text("main > p.muted")
    assert texts(page, "section:has(#co) .chip") and len(texts(page, "section:has(#co) .chip")) == len(
        entity["coOccurring"]
    )
    years = {row["year"] for row in entity["mentionsOverTime"]}
    if years:
        timeline = page.get_attribute("section:has(#time) svg", "aria-label") or ""
        assert all(f"{year}:" in timeline for year in years)
    else:  # most demo papers carry no date
        assert "No dated papers." in page.inner_text("section:has(#time)")
    check_accessible(page)
    shot(page, tmp_path, "4-entity")

    # back and forward walk the history the clicks made
    page.go_back()
    page.wait_for_url(re.compile(r"/paper/"))
    page.go_forward()
    page.wait_for_url(re.compile(r"/entity/"))
    wait_ready(page)
    assert page.inner_text("h1") == entity["name"]

    # topics: the map the run computed, and one topic's leading entities
    page.click("nav[aria-label=Sections] >> text=Topics")
    wait_ready(page)
    topics = data(gql, TOPICS)["topics"]
    assert all(t["x"] is not None and 0 <= t["x"] <= 1 and 0 <= t["y"] <= 1 for t in topics)
    assert page.locator(".topic-map circle").count() == len(topics)
    page.click("nav[aria-label=Topics] a >> nth=0")
    page.wait_for_url(re.compile(r"/topics\?topic="))
    page.wait_for_selector(".topic-detail, [role=alert]")
    assert page.locator("[role=alert]").count() == 0, page.inner_text("[role=alert]")
    leading = data(gql, TOPIC, id=topics[0]["id"])["topic"]["topEntities"]
    shown = [re.sub(r"^\w+\s+|\s·\d+$", "", chip) for chip in texts(page, ".topic-detail .chips .chip")]
    assert shown == [row["entity"]["name"] for row in leading]
    check_accessible(page)
    shot(page, tmp_path, "5-topics")


def test_contradiction_pages_follow_the_cursors_and_the_history(tab: Tab, live_server: LiveServer, gql: Any) -> None:
    page = tab.page
    first = data(gql, CONTRADICTIONS, first=1)["contradictions"]
    assert first["pageInfo"]["hasNextPage"], "the corpus graph has more than one contradiction"
    second = data(gql, CONTRADICTIONS, first=1, after=first["pageInfo"]["endCursor"])["contradictions"]
    page.goto(f"{live_server.url}/contradictions?min=0&size=1")
    wait_ready(page)
    page.click("text=Next page")
    page.wait_for_url(re.compile(r"after="))
    page.wait_for_function(
        "t => document.querySelector('.pair .side q')?.textContent === t", arg=second["nodes"][0]["claim"]["text"]
    )
    page.go_back()
    page.wait_for_function(
        "t => document.querySelector('.pair .side q')?.textContent === t", arg=first["nodes"][0]["claim"]["text"]
    )


def test_minimum_confidence_filters_through_the_api(tab: Tab, live_server: LiveServer, gql: Any) -> None:
    scores = data(gql, "{ contradictions(minConfidence: 0, first: 100) { nodes { confidence } } }")["contradictions"][
        "nodes"
    ]
    middle = sorted(s["confidence"] for s in scores)[len(scores) // 2]
    expected = data(gql, "query($m: Float) { contradictions(minConfidence: $m) { totalCount } }", m=middle)
    page = tab.page
    page.goto(f"{live_server.url}/contradictions?min={middle}")
    wait_ready(page)
    total = expected["contradictions"]["totalCount"]
    assert 0 < total < data(gql, "{ contradictions(minConfidence: 0) { totalCount } }")["contradictions"]["totalCount"]
    assert page.inner_text("main .count").startswith(f"{total} pair")


def test_keyboard_reaches_the_sections_and_the_search_box_is_labelled(tab: Tab, live_server: LiveServer) -> None:
    page = tab.page
    page.goto(f"{live_server.url}/search")
    wait_ready(page)
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.locator("label[for=q]").inner_text() == "Search titles and abstracts"
    page.goto(f"{live_server.url}/topics")
    wait_ready(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Topics"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contradictions"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/contradictions$"))
    wait_ready(page)
    check_accessible(page)


def test_an_app_route_loaded_directly_is_served_the_app(tab: Tab, live_server: LiveServer) -> None:
    page = tab.page
    response = page.goto(f"{live_server.url}/entity/MODEL/no-such-entity")
    assert response is not None and response.status == 200
    wait_ready(page)
    assert "does not exist" in page.inner_text("[role=alert]") or "not" in page.inner_text("[role=alert]")
    tab.console.clear()  # the NOT_FOUND answer is the point of this page, not an error of the page
