"""Which documents are answered compiled: decided once per document, without a database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from api.graphql.compiled.operation import CompiledAnswers
from api.graphql.schema import build_schema
from kg.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
from bench_peer import QUERIES

SETTINGS = Settings(_env_file=None, max_query_depth=10, max_aliases=30, max_tokens=2000)

NOT_COMPILED = {
    "a field with a resolver of its own": '{ paper(id: "1") { id claims { id } } }',
    "an entity's co-occurring entities": '{ entity(label: MODEL, key: "x") { coOccurring { papers } } }',
    "a directive": '{ paper(id: "1") { id @skip(if: true) } }',
    "a directive on a fragment spread": '{ paper(id: "1") { ...f @include(if: true) } } fragment f on Paper { id }',
    "introspection": "{ __schema { types { name } } }",
    "two root fields": '{ paper(id: "1") { id } topic(id: "2") { id } }',
    "a root field not planned": "{ topics { id } }",
    "a topic's top entities": '{ topic(id: "1") { topEntities { papers } } }',
    "a mutation": "mutation { runAnalysis { run } }",
    "not valid": '{ paper(id: "1") { nope } }',
    "does not parse": "{ paper(id: ",
    "too deep": '{ paper(id: "1") { topics { papers { nodes { topics { papers { nodes { topics { papers { nodes'
    " { topics { id } } } } } } } } } } } }",
    "an unknown operation name": 'query A { paper(id: "1") { id } }',
}


@pytest.fixture(scope="module")
def answers() -> CompiledAnswers:
    return CompiledAnswers(build_schema(SETTINGS)._schema, SETTINGS)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_the_five_frontend_queries_are_compiled(answers: CompiledAnswers, query: object) -> None:
    assert answers.operation(query.ours, None) is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(NOT_COMPILED))
def test_other_documents_are_not(answers: CompiledAnswers, name: str) -> None:
    operation_name = "B" if name == "an unknown operation name" else None
    assert answers.operation(NOT_COMPILED[name], operation_name) is None


def test_the_decision_is_remembered_per_document(answers: CompiledAnswers) -> None:
    query = "{ papers(first: 2) { nodes { id } } }"
    assert answers.operation(query, None) is answers.operation(query, None)
