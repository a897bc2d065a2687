"""The explorer's GraphQL operations validate against the schema the API builds (schema drift, client side).

The operations live in `frontend/src/operations.ts` as `graphql(\\`…\\`)` templates; a renamed or removed
field in the API fails here, before the bundle is built (codegen would fail too, but later).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import GraphQLSchema, parse, validate

from api.graphql.schema import schema

OPERATIONS = Path(__file__).resolve().parents[3] / "frontend" / "src" / "operations.ts"
_TEMPLATE = re.compile(r"graphql\(\s*`(.*?)`\s*\)", re.DOTALL)


def operation_texts(source: str) -> list[str]:
    return _TEMPLATE.findall(source)


def errors_of(texts: list[str], against: GraphQLSchema) -> list[str]:
    """Validation errors of all templates read as one document (fragments are shared between them)."""
    return [error.message for error in validate(against, parse("\n".join(texts)))]


def test_every_operation_of_the_explorer_validates() -> None:
    texts = operation_texts(OPERATIONS.read_text(encoding="utf-8"))
    assert len(texts) >= 7
    assert errors_of(texts, schema._schema) == []


def test_an_operation_asking_for_a_field_the_api_lacks_fails() -> None:
    texts = operation_texts(OPERATIONS.read_text(encoding="utf-8"))
    drifted = [text.replace("matchedEntities", "matchingEntities") for text in texts]
    assert any("matchingEntities" in message for message in errors_of(drifted, schema._schema))


@pytest.mark.parametrize(
    "field", ["matchedEntities", "mentionsOverTime", "supports(first: 20)", "minConfidence: $minConfidence"]
)
def test_the_pages_use_the_fields_added_for_them(field: str) -> None:
    assert field in OPERATIONS.read_text(encoding="utf-8")
