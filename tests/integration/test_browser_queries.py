"""Every saved Neo4j Browser query returns rows on the demo graph (the corpus, analysed once) with its own
`:param` values."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

pytestmark = pytest.mark.integration

# Saved queries known to return nothing on the demo graph today, and why (strict: one that starts
# returning rows fails, so the entry goes).
EMPTY_TODAY = {
    "03-depth-versus-width.cypher": "the claim-frame reader finds no depth/width contradiction in the corpus",
}
QUERIES = [
    pytest.param(path, marks=pytest.mark.xfail(reason=EMPTY_TODAY[path.name], strict=True))
    if path.name in EMPTY_TODAY
    else path
    for path in sorted((Path(__file__).resolve().parents[2] / "browser" / "queries").glob("*.cypher"))
]
PARAM = re.compile(r"^:param (\w+) => (.+?);?$")


def split_saved_query(text: str) -> tuple[dict[str, str], str]:
    """(`:param` name -> Cypher literal, the query) of a saved query file."""
    params: dict[str, str] = {}
    body = []
    for line in text.splitlines():
        if match := PARAM.match(line.strip()):
            params[match.group(1)] = match.group(2)
        elif not line.startswith("//"):
            body.append(line)
    return params, "\n".join(body).strip().removesuffix(";")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: getattr(p, "name", str(p)))
def test_saved_query_returns_rows(analyzed_graph: Driver, path: Path) -> None:
    literals, query = split_saved_query(path.read_text())
    with analyzed_graph.session() as session:
        params: dict[str, Any] = {
            name: session.run(f"RETURN {literal} AS value").single(strict=True)["value"]
            for name, literal in literals.items()
        }
        rows = session.run(query, params).data()
    assert rows, f"{path.name} returns no rows on the demo graph"
    assert any(value not in (None, [], "") for row in rows for value in row.values())
