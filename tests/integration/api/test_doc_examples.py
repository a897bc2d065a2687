"""Every GraphQL example of README.md and docs/api.md, run over HTTP against the demo graph, answers as written.

The demo graph is what `make demo` leaves: the sample corpus and one analysis with the default
parameters, topics computed from scratch. `make docs` runs this module with `UPDATE_DOCS=1`: the
answers are then rewritten in place (conventions in tests/doc_examples.py) instead of compared.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from kg.analytics.pipeline import AnalysisParams
from kg.analytics.runs import run_analysis
from kg.settings import Settings
from kg.store.analytics import current_run
from tests.doc_examples import Example, check, examples, rewrite_file

REPO = Path(__file__).resolve().parents[3]
DOCUMENTS = [REPO / "README.md", REPO / "docs" / "api.md"]
UPDATE = os.environ.get("UPDATE_DOCS") == "1"
ALL = [example for document in DOCUMENTS for example in examples(document)]


@pytest.fixture
def ask(gql: Any) -> Any:
    """`gql`, asking again (up to twice) when a read timed out on a busy machine."""

    def run(query: str) -> Any:
        for _ in range(2):
            answer = gql(query)
            codes = {error.get("extensions", {}).get("code") for error in answer.get("errors", [])}
            if "SERVICE_UNAVAILABLE" not in codes:
                break
        return answer

    return run


@pytest.fixture
def demo_run(analyzed_graph: Driver, neo4j_settings: Settings) -> str:
    """The current run's id, after a from-scratch default analysis when the current run is not one."""
    params = AnalysisParams(resolution=neo4j_settings.topic_resolution, seed=neo4j_settings.seed, seeded_topics=False)
    run = current_run(analyzed_graph, neo4j_settings.neo4j_database)
    if run is None or run.get("params") != params.as_dict():
        run_analysis(analyzed_graph, neo4j_settings.neo4j_database, params, batch_size=neo4j_settings.batch_size)
        run = current_run(analyzed_graph, neo4j_settings.neo4j_database)
    assert run is not None
    return str(run["id"])


def test_the_documents_hold_examples() -> None:
    assert {example.file.name for example in ALL} == {"README.md", "api.md"}
    assert len(ALL) >= 10


@pytest.mark.skipif(UPDATE, reason="UPDATE_DOCS=1 rewrites the answers instead")
@pytest.mark.parametrize("example", ALL, ids=[example.where for example in ALL])
def test_example_answers_as_written(example: Example, ask: Any, demo_run: str) -> None:
    differences = check(example.answer, ask(example.query), demo_run)
    assert not differences, f"{example.where}: the answer differs (`make docs` rewrites it):\n" + "\n".join(differences)


@pytest.mark.skipif(not UPDATE, reason="only with UPDATE_DOCS=1 (make docs)")
def test_rewrite_answers(ask: Any, demo_run: str) -> None:
    for document in DOCUMENTS:
        changed = rewrite_file(document, lambda example: (ask(example.query), demo_run))
        print(f"{document.name}: {changed} answer(s) rewritten")
    for example in (example for document in DOCUMENTS for example in examples(document)):
        assert not check(example.answer, ask(example.query), demo_run), example.where
