"""The guide plays in the real Neo4j Browser served by the test server (`:guide` from a local URL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from kg.reports.static_server import folder_server
from kg.settings import Settings
from tests.chromium import dump_dom

pytestmark = [pytest.mark.integration, pytest.mark.browser]

BROWSER_FILES = Path(__file__).resolve().parents[2] / "browser"


@pytest.fixture
def guide_url() -> Iterator[str]:
    server = folder_server(BROWSER_FILES, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/guide.html"
    server.shutdown()
    server.server_close()


def test_guide_plays_in_neo4j_browser(neo4j_settings: Settings, guide_url: str) -> None:
    if not neo4j_settings.manages_local_neo4j:
        pytest.skip("the Browser URL is known only for the project's local test server")
    url = f"{neo4j_settings.browser_url}?cmd=guide&arg={quote(guide_url, safe='')}"
    for wait_ms in (15_000, 40_000):  # a busy machine may need longer to start the Browser app
        dom = dump_dom(url, wait_ms=wait_ms)
        if "ML papers knowledge graph" in dom:
            break
    assert "ML papers knowledge graph" in dom
    assert "CALL db.schema.visualization()" in dom
    assert "Remote guide error" not in dom
