"""GraphiQL works on a machine without internet: its bundles come from the app, and a query runs through it.

Chromium may reach only 127.0.0.1 (every other address is refused and recorded by the harness).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from api.web import GRAPHIQL, graphiql_assets
from tests.chromium import browser_tab
from tests.integration.api.conftest import LiveServer
from tests.integration.api.explorer_pages import shot

pytestmark = [pytest.mark.integration, pytest.mark.browser]

QUERY = "{ stats { papers entities topics } }"


def test_graphiql_runs_a_query_with_every_other_address_blocked(
    live_server: LiveServer, gql: Any, tmp_path: Path
) -> None:
    if any(not (GRAPHIQL / asset).is_file() for asset in graphiql_assets()):
        pytest.fail("GraphiQL's bundles are not built: run `make frontend`")
    expected = gql(QUERY)["data"]
    with browser_tab() as tab:
        page = tab.page
        page.goto(f"{live_server.url}/graphql?q={quote(QUERY)}", wait_until="load")
        page.wait_for_selector(".graphiql-execute-button", timeout=60_000)
        page.click(".graphiql-execute-button")
        page.wait_for_function(
            "() => (document.querySelector('.result-window')?.innerText || '').includes('\"topics\"')", timeout=60_000
        )
        shown = page.inner_text(".result-window")
        shot(page, tmp_path, "graphiql")
    assert tab.blocked == [], "GraphiQL asked another machine for something"
    assert tab.errors() == []
    answer = json.loads(shown[shown.index("{") :].replace("\xa0", " "))
    assert answer == {"data": expected}
