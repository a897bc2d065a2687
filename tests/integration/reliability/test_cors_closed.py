"""Issue #7 point 3: with no origins configured, CORS is closed: no browser origin may read an answer."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.api.conftest import LiveServer
from tests.integration.reliability.conftest import Throwaway

pytestmark = pytest.mark.integration

PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers": "content-type, x-api-key"}


@pytest.mark.parametrize("origin", ["http://localhost:5173", "http://evil.example", "null"])
def test_no_configured_origins_means_no_cross_origin_access(throwaway: Throwaway, origin: str) -> None:
    if throwaway.server.pid() is None:
        throwaway.start()
    settings = throwaway.settings.model_copy(update={"neo4j_uri": throwaway.settings.bolt_uri, "cors_origins": []})
    with LiveServer(settings) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        preflight = http.options("/graphql", headers={"origin": origin, **PREFLIGHT})
        simple = http.post("/graphql", json={"query": "{ __typename }"}, headers={"origin": origin})
    for response in (preflight, simple):
        assert not [name for name in response.headers if name.lower().startswith("access-control-")], response.headers
    assert preflight.status_code >= 400  # no preflight handler: the browser gets no permission
