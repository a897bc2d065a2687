"""Extraction quality on the development gold, scored by the real scorer (a copy in tests/data/eval).

Fails when a figure drops below the bars of issues #3 and #13: lenient F1 >= 0.75 for MODEL, METRIC
and DATASET, >= 0.60 for METHOD, >= 0.80 over all labels; claims >= 0.70; results >= 0.60; and
HARDWARE >= 0.90 on hardware_dev.jsonl.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from extractors.export import to_record
from extractors.pipeline import Extractor
from kg.ingest import first_occurrences, read_papers

EVAL_DIR = Path(__file__).resolve().parents[2] / "data" / "eval"

ENTITY_BARS = {"MODEL": 0.75, "METRIC": 0.75, "DATASET": 0.75, "METHOD": 0.60, "ALL": 0.80}
CLAIMS_BAR = 0.70
RESULTS_BAR = 0.60
HARDWARE_BAR = 0.90


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_score", EVAL_DIR / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predictions(extractor: Extractor, corpus_dir: Path, gold: dict[str, Any], scorer: ModuleType) -> dict[str, Any]:
    papers = [p for p in first_occurrences(read_papers([corpus_dir])) if scorer.norm_title(p.title) in gold]
    return {
        scorer.norm_title(p.title): to_record(p, e) for p, e in zip(papers, extractor.extract_many(papers), strict=True)
    }


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return load_scorer()


@pytest.fixture(scope="module")
def dev_scores(extractor: Extractor, corpus_dir: Path, scorer: ModuleType) -> dict[str, Any]:
    gold = scorer.load(str(EVAL_DIR / "dev.jsonl"))
    scores: dict[str, Any] = scorer.score(gold, predictions(extractor, corpus_dir, gold, scorer))
    print(
        json.dumps(
            {"entities": scores["entities"]["lenient"], "results": scores["results"], "claims": scores["claims"]}
        )
    )
    return scores


def test_every_dev_paper_is_extracted(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["papers"] == 60
    assert dev_scores["papers_missing_in_pred"] == 0


@pytest.mark.parametrize(("label", "bar"), ENTITY_BARS.items())
def test_entity_f1(dev_scores: dict[str, Any], label: str, bar: float) -> None:
    assert dev_scores["entities"]["lenient"][label]["f1"] >= bar


def test_claims_f1(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["claims"]["f1"] >= CLAIMS_BAR


def test_results_f1(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["results"]["f1"] >= RESULTS_BAR


def test_hardware_f1(extractor: Extractor, corpus_dir: Path, scorer: ModuleType) -> None:
    gold = scorer.load(str(EVAL_DIR / "hardware_dev.jsonl"))
    scores = scorer.score(gold, predictions(extractor, corpus_dir, gold, scorer), ("HARDWARE",))
    assert scores["papers_missing_in_pred"] == 0
    assert scores["entities"]["lenient"]["HARDWARE"]["f1"] >= HARDWARE_BAR
