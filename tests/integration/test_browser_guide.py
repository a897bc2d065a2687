"""The guide and the style in the real Neo4j Browser served by the test server, fetched from `kg guide`."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.reports.static_server import folder_server
from kg.settings import Settings
from tests.chromium import browser_tab

pytestmark = [pytest.mark.integration, pytest.mark.browser]

BROWSER_FILES = Path(__file__).resolve().parents[2] / "browser"


@pytest.fixture
def served() -> Iterator[str]:
    """The base URL of the `browser/` folder served as `kg guide` serves it."""
    server = folder_server(BROWSER_FILES, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def guide_url(served: str) -> str:
    return f"{served}/guide.html"


def grass_rules() -> dict[str, dict[str, str]]:
    """style.grass as Browser should read it: selector -> property -> value."""
    text = (BROWSER_FILES / "style.grass").read_text()
    rules = {}
    for selector, body in re.findall(r"^([\w.]+)\s*\{(.*?)^\}", text, re.MULTILINE | re.DOTALL):
        pairs = re.findall(r"^\s*([\w-]+):\s*(.*?);\s*$", body, re.MULTILINE)
        rules[selector] = {name: value.strip('"') for name, value in pairs}
    return rules


def test_guide_plays_in_neo4j_browser(neo4j_settings: Settings, guide_url: str) -> None:
    if not neo4j_settings.manages_local_neo4j:
        pytest.skip("the Browser URL is known only for the project's local test server")
    url = f"{neo4j_settings.browser_url}?cmd=guide&arg={quote(guide_url, safe='')}"
    with browser_tab(bypass_csp=True) as tab:
        tab.page.goto(url)
        # a busy machine may need a while to start the Browser app and fetch the guide
        tab.page.wait_for_function(
            "document.documentElement.outerHTML.includes('ML papers knowledge graph')", timeout=90_000
        )
        text = tab.page.content()
    assert "CALL db.schema.visualization()" in text
    assert "Remote guide error" not in text


def test_browser_reads_the_style_as_written(neo4j_settings: Settings, served: str) -> None:
    if not neo4j_settings.manages_local_neo4j:
        pytest.skip("the Browser URL is known only for the project's local test server")
    command = quote(f":style {served}/style.grass", safe="")
    with browser_tab(bypass_csp=True) as tab:
        page = tab.page
        page.goto(f"{neo4j_settings.browser_url}?cmd=edit&arg={command}")
        page.wait_for_selector("[data-testid=editor-Run]", timeout=60_000)
        page.wait_for_function("document.body.innerText.includes(':style')", timeout=10_000)
        page.click("[data-testid=editor-Run]")
        page.wait_for_function("(localStorage.getItem('neo4j.grass') || '').includes('node.Paper')")
        loaded = json.loads(page.evaluate("localStorage.getItem('neo4j.grass')"))
    for selector, properties in grass_rules().items():
        assert loaded[selector] == properties, selector
