"""The Extractor contract: version, extract vs extract_many, streaming, and the JSON record."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

from extractors.export import to_record
from extractors.pipeline import Extractor, load_extractor
from kg.model import Paper, paper_id

PAPERS = [
    Paper(
        id=paper_id(title),
        title=title,
        abstract=abstract,
    )
    for title, abstract in [
        (
            "Go Wider Instead of Deeper",
            "On ImageNet-1K, our best model outperforms Vision Transformer (ViT) by 1.5% with 0.72 times "
            "trainable parameters. We find that wider networks outperform deeper ones.",
        ),
        (
            "Outlier Suppression+",
            "Post-training quantization (PTQ) of transformer language models faces challenges. We show that "
            "OS+ reaches near-floating-point accuracy on LLaMA-7B with 4-bit weights.",
        ),
    ]
]


def test_version_names_rules_and_data(extractor: Extractor) -> None:
    assert extractor.version.startswith("rules-")
    assert "+" in extractor.version
    assert load_extractor().version == extractor.version


def test_extract_many_matches_extract(extractor: Extractor) -> None:
    one_by_one = [extractor.extract(p) for p in PAPERS]
    batched = list(extractor.extract_many(PAPERS, batch_size=1))
    assert [e.paper_id for e in batched] == [p.id for p in PAPERS]
    assert batched == one_by_one


def test_extract_many_streams(extractor: Extractor) -> None:
    """The first extraction comes out before the input is exhausted (the input here never ends)."""

    def endless() -> Iterator[Paper]:
        yield from itertools.cycle(PAPERS)

    first = next(extractor.extract_many(endless(), batch_size=4))
    assert first.paper_id == PAPERS[0].id


def test_record_has_the_scorer_format(extractor: Extractor) -> None:
    paper = PAPERS[0]
    record = json.loads(json.dumps(to_record(paper, extractor.extract(paper))))
    assert record["id"] == paper.id and record["title"] == paper.title
    assert {"text", "label", "start", "end", "canonical"} <= set(record["entities"][0])
    assert {"metric", "value", "unit", "subject", "dataset"} <= set(record["results"][0])
    frame = {"role", "factor", "comparator", "direction", "outcome", "outcome_class", "polarity", "conditions"}
    assert {"text", "start", "end", *frame} <= set(record["claims"][0])
    for entity in record["entities"]:
        assert paper.text[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.title)
def test_every_extraction_has_the_version(extractor: Extractor, paper: Paper) -> None:
    assert extractor.extract(paper).extractor_version == extractor.version


def test_extract_many_in_two_processes_matches_one(extractor: Extractor) -> None:
    """Everything a component leaves on the Doc is plain data, so docs cross process boundaries."""
    papers = PAPERS * 3
    assert list(extractor.extract_many(papers, batch_size=2, n_process=2)) == [extractor.extract(p) for p in papers]
