"""The quality bars of issue #4, scored with the evaluation's own score_graph.py on the development gold.

Gold and scorer are copied from ../shared/eval into tests/data/graph_eval. Bars: citation recall
>= 0.80 with no negative linked; topic NMI >= 0.45. The contradiction bars are in
test_claim_links_quality.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from neo4j import Driver

from kg.analytics.export import export_run

pytestmark = pytest.mark.integration
GOLD = Path(__file__).resolve().parents[1] / "data" / "graph_eval"


def score_graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_graph", GOLD / "score_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def figures(analyzed_graph: Driver, tmp_path: Path) -> dict[str, Any]:
    export_run(analyzed_graph, "neo4j", tmp_path)
    figures: dict[str, Any] = score_graph().score(str(tmp_path), str(GOLD), "dev")
    print(figures)
    return figures


def test_citations_found_without_negatives(figures: dict[str, Any]) -> None:
    assert figures["citations"]["recall"] >= 0.80
    assert figures["citations"]["negatives_linked"] == 0


def test_topics_match_the_development_themes(figures: dict[str, Any]) -> None:
    assert figures["topics"]["assigned"] == figures["topics"]["gold_papers"]
    assert figures["topics"]["nmi"] >= 0.45
