"""Claim frames read by the whole pipeline, trained parser included, from sentences written for the test.

Skipped while the pipeline has no dependency parser (the frame reader then leaves frames empty).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from extractors.pipeline import Extractor
from kg.model import Claim, Extraction

# The parser tags "causes" after a noun as a noun (a compound chain); the frame is then unreadable.
# Kept as expected failures so a better checkpoint shows up as XPASS.
PARSER_MISTAGS_VERB = pytest.mark.xfail(reason="parser checkpoint tags the main verb as a noun", strict=False)
# The shipped checkpoint (6,250 steps) makes "better" the object of "generalize" (an earlier one read it
# as `advmod`), so the comparative subject is not read as the factor.
PARSER_BETTER_AS_OBJECT = pytest.mark.xfail(reason="parser makes the adverb `better` an object", strict=False)


@pytest.fixture(scope="module", autouse=True)
def _needs_a_parser(extractor: Extractor) -> None:
    if "parser" not in extractor.nlp.pipe_names:
        pytest.skip("the extraction pipeline has no dependency parser")


def frame_of(extract: Callable[..., Extraction], sentence: str) -> Claim:
    claims = [c for c in extract(f"We study this question. {sentence}").claims if c.text == sentence]
    assert claims, f"not read as a claim: {sentence}"
    return claims[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We find that larger models perform better than smaller models.",
            {"factor": "model size", "direction": "more", "outcome_class": "performance", "polarity": "improves"},
        ),
        (
            "We show that our pruning method works without any loss of accuracy.",
            {"polarity": "no_harm", "outcome": "accuracy"},
        ),
        pytest.param(
            "We find that quantization causes minimal degradation in accuracy.",
            {"factor": "quantization", "polarity": "no_harm", "outcome_class": "performance"},
            marks=PARSER_MISTAGS_VERB,
        ),
        (
            "We find that increasing the depth does not improve the accuracy.",
            {"factor": "model depth", "direction": "more", "polarity": "no_effect", "negated": True},
        ),
        pytest.param(
            "Our results suggest that wider networks may generalize better at small scale.",
            {"factor": "model width", "polarity": "improves", "hedged": True},
            marks=PARSER_BETTER_AS_OBJECT,
        ),
        (
            "We show that Mamba outperforms Transformers on language modeling.",
            {"comparator": "transformer", "direction": "compare", "polarity": "improves"},
        ),
    ],
)
def test_frames_of_written_sentences(
    extract: Callable[..., Extraction], sentence: str, expected: dict[str, Any]
) -> None:
    claim = frame_of(extract, sentence)
    found = {name: getattr(claim, name) for name in expected}
    assert found == expected, sentence


def test_stated_scale_is_a_condition(extract: Callable[..., Extraction]) -> None:
    claim = frame_of(extract, "We find that deeper networks perform better at small scale.")
    assert ("scale", "small scale") in zip(claim.condition_kinds, claim.condition_values, strict=True)
