"""GraphiQL without a CDN: the npm packages pin the versions strawberry's GraphiQL page loads."""

from __future__ import annotations

import json
from pathlib import Path

from api.web import GRAPHIQL_PREFIX, graphiql_assets, graphiql_html

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"


def test_the_npm_packages_are_the_versions_strawberry_names() -> None:
    pins = json.loads((FRONTEND / "package.json").read_text())["devDependencies"]
    copied = {(name, path) for name, path in json.loads((FRONTEND / "graphiql-assets.json").read_text())}
    assets = graphiql_assets()
    assert len(assets) >= 5
    for asset in assets:
        name_version, _, path = asset.partition("/") if not asset.startswith("@") else _scoped(asset)
        name, _, version = name_version.rpartition("@")
        assert pins.get(name) == version, f"frontend/package.json must pin {name}@{version} (strawberry's GraphiQL)"
        assert (name, path) in copied, f"frontend/graphiql-assets.json must copy {name}/{path}"


def _scoped(asset: str) -> tuple[str, str, str]:
    scope, _, rest = asset.partition("/")
    package, _, path = rest.partition("/")
    return f"{scope}/{package}", "/", path


def test_the_page_loads_nothing_from_outside_once_built() -> None:
    html = graphiql_html()
    if "is not built" in html:
        assert "make frontend" in html
        return
    assert "https://" not in html.replace("http://www.w3.org", "")
    assert html.count(GRAPHIQL_PREFIX) == len(graphiql_assets())
