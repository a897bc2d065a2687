"""Claims: which sentences are the paper's own findings (their frames: test_frames.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction


def only_claim(extract: Callable[..., Extraction], sentence: str):  # type: ignore[no-untyped-def]
    claims = extract(f"We study this question. {sentence}").claims
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "We show that some of the known pathologies and biases of NMT are due to MAP decoding.",
        "Larger models are significantly more sample-efficient, such that optimally compute-efficient training "
        "involves training very large models on a relatively modest amount of data.",
        "TTM shows significant accuracy gains (12-38\\%) over popular benchmarks in few/zero-shot forecasting.",
        "We pre-train language models having 700M up to 4B parameters, demonstrating that AoE outperforms "
        "traditional MoE models with comparable efficiency.",
    ],
)
def test_findings_are_claims(extract: Callable[..., Extraction], sentence: str) -> None:
    assert [c.text for c in extract(f"We study this question. {sentence}").claims] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Recent studies have revealed a number of pathologies of neural machine translation (NMT) systems.",
        "To address this, we propose Autonomy-of-Experts (AoE), a novel MoE paradigm.",
        "Code is available at https://github.com/sbb-gh/experimental-design-multichannel.",
        "If so, how does inductive bias affect scaling behaviour?",
    ],
)
def test_background_plans_and_links_are_not_claims(extract: Callable[..., Extraction], sentence: str) -> None:
    assert extract(f"We study this question. {sentence}").claims == []


def test_claim_offsets_index_into_paper_text(extract: Callable[..., Extraction]) -> None:
    abstract = "Transformers are popular. We find that wider networks outperform deeper ones."
    (claim,) = extract(abstract, title="Go Wider").claims
    assert f"Go Wider\n{abstract}"[claim.start : claim.end] == claim.text


def test_claim_lists_entity_keys(extract: Callable[..., Extraction]) -> None:
    claim = only_claim(extract, "We show that LLaVA-7B outperforms CLIP on ImageNet.")
    assert {"llava-7b", "clip", "imagenet"} <= set(claim.entities)
