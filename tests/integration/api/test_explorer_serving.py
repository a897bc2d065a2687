"""The app serves the built explorer and GraphiQL's bundles itself: app routes fall back to the index."""

from __future__ import annotations

import re

import httpx
import pytest


@pytest.mark.parametrize(
    "path", ["/", "/search?q=x", "/paper/abc", "/contradictions", "/entity/MODEL/a%2Fb", "/topics"]
)
def test_every_app_route_answers_the_index(client: httpx.Client, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<div id="app"></div>' in page.text and page.headers["cache-control"] == "no-cache"


def test_assets_are_served_with_long_caching_and_nothing_from_outside(client: httpx.Client) -> None:
    index = client.get("/").text
    assets = re.findall(r'(?:src|href)="(/assets/[^"]+)"', index)
    assert len(assets) == 2 and not re.search(r'(?:src|href)="https?://', index)
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200 and "immutable" in answer.headers["cache-control"]


def test_graphiql_loads_its_bundles_from_the_app(client: httpx.Client) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"}).text
    bundles = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', page)
    assert len(bundles) == 7 and "unpkg" not in page
    for bundle in bundles:
        assert client.get(bundle).status_code == 200


def test_other_paths_are_not_the_app(client: httpx.Client) -> None:
    assert client.get("/nope").status_code == 404
    assert client.get("/assets/nope.js").status_code == 404
