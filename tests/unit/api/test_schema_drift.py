"""The committed SDL is the schema the code builds; regenerate with `make schema`."""

from __future__ import annotations

import re
from pathlib import Path

from api.graphql.schema import build_schema, sdl
from kg.settings import Settings

COMMITTED = Path(__file__).resolve().parents[3] / "api" / "schema.graphql"


def test_committed_sdl_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == sdl(), "api/schema.graphql is stale: run `make schema`"


def test_limits_do_not_change_the_sdl() -> None:
    strict = Settings(_env_file=None, max_query_depth=3, max_aliases=1, max_tokens=50)
    assert build_schema(strict).as_str() + "\n" == sdl()


def test_contract_root_fields_exist() -> None:
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+", " ", sdl()))  # arguments with descriptions span lines
    for field in (
        "paper(id: ID!)",
        "papers(filter: PaperFilterInput",
        "search(query: String!",
        "entity(label: EntityLabel!, key: String!)",
        "entities(label: EntityLabel",
        "topics:",
        "topic(id: ID!)",
        "claims(factor: String",
        "contradictions(factor: String",
        "citations(paperId: ID!)",
        "path(fromId: ID!, toId: ID!, maxHops: Int!",
        "stats:",
        "analysisRuns",
        "ingest(papers: [PaperInput!]!)",
        "runAnalysis:",
    ):
        assert field in text, field
