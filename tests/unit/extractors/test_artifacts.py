"""Names a paper proposes, defines or uses (`kg_artifacts`), read from real corpus sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction, NameKind

Extract = Callable[..., Extraction]


def proposed(extraction: Extraction) -> dict[str, bool]:
    return {d.name: d.proposed for d in extraction.definitions}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We present Visual AutoRegressive modeling (VAR), a new generation paradigm for images.", "VAR"),
        ("To this end, we propose Gradient Extrapolation for Debiased Representation Learning (GERNE).", "GERNE"),
        ("We introduce a simple module, termed Query Matching Module (QMM), for action tubes.", "QMM"),
    ],
)
def test_a_name_the_paper_presents_as_its_own_is_proposed(extract: Extract, abstract: str, name: str) -> None:
    assert proposed(extract(abstract))[name] is True


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Retrieval-augmented generation (RAG) grounds answers in documents.", "RAG"),
        ("We propose a new retriever for Retrieval-Augmented Generation (RAG) pipelines.", "RAG"),
        ("We propose a detector built on the Segment Anything Model (SAM) for remote sensing.", "SAM"),
    ],
)
def test_a_name_the_paper_only_defines_or_builds_on_is_not_proposed(extract: Extract, abstract: str, name: str) -> None:
    assert proposed(extract(abstract))[name] is False


def test_a_title_head_is_proposed_when_the_abstract_proposes(extract: Extract) -> None:
    title = "Niagara: Normal-Integrated Geometric Affine Field for Scene Reconstruction"
    found = extract("We propose Niagara, a new single-view 3D scene reconstruction framework.", title=title)
    (head,) = [d for d in found.definitions if d.name == "Niagara"]
    assert head.kind == NameKind.TITLE_NAME and head.proposed


@pytest.mark.parametrize(
    ("abstract", "used", "not_used"),
    [
        ("We accelerate VAR models and VAR-based samplers with a cache.", "VAR", ""),
        ("We add cross-attention to the state-based RWKV-7 model.", "RWKV-7", "RWKV"),
        ("Repeated sampling lifts Claude 3.5 Sonnet on long contexts.", "Claude", "Sonnet"),
        ("We compare against Omni-Mamba and VL-Mamba variants only.", "VL-Mamba", "Mamba"),
        ("Efficient alternatives to attention (e.g. H3, Mamba, RWKV) keep a fixed-size state.", "Mamba", ""),
    ],
)
def test_names_used_are_whole_names(extract: Extract, abstract: str, used: str, not_used: str) -> None:
    names = set(extract(abstract).names)
    assert used in names and not_used not in names
