"""Citation inference: artifacts introduced by a paper, mentioned in another abstract; and the traps."""

from __future__ import annotations

import pytest

from kg.analytics.citations import explicit_citations, infer_citations
from kg.model import Paper, paper_id

FILLER = "We study sequence models for language and vision tasks with long contexts."


def paper(title: str, abstract: str, year: int | None = None, **fields: object) -> Paper:
    return Paper(id=paper_id(title), title=title, abstract=abstract, year=year, month=1 if year else None, **fields)  # type: ignore[arg-type]


MAMBA = paper("Mamba: Linear-Time Sequence Modeling with Selective State Spaces", f"{FILLER} We present Mamba.", 2023)
RWKV = paper("RWKV: Reinventing RNNs for the Transformer Era", f"{FILLER} RWKV combines RNNs and attention.", 2023)
VAR = paper(
    "Visual Autoregressive Modeling: Scalable Image Generation via Next-Scale Prediction",
    "We present Visual AutoRegressive modeling (VAR), a new generation paradigm for images.",
)
ATTENTION = paper("Attention: A Study of Sequence Models", f"{FILLER} attention everywhere in long contexts.")
SONNET = paper("Sonnet: Spectral Operator Networks for Time Series", f"{FILLER} We propose Sonnet.")


def links(*papers: Paper) -> set[tuple[str, str]]:
    return {(c.citing, c.cited) for c in infer_citations(list(papers))}


@pytest.mark.parametrize(
    "abstract",
    [
        "Efficient alternatives to attention (e.g. H3, Mamba, RWKV) maintain a fixed-size recurrent state.",
        "We build on the selective scanning mechanism of Mamba for sequence models.",
        "Our quantizer supports both Mamba1 and Mamba2 backbones for long contexts.",
    ],
)
def test_a_mention_of_a_name_cites_its_paper(abstract: str) -> None:
    citing = paper("A Later Paper", f"{FILLER} {abstract}", 2024)
    assert (citing.id, MAMBA.id) in links(MAMBA, RWKV, citing)


def test_an_acronym_the_paper_introduced_is_matched_with_its_evidence() -> None:
    citing = paper("Faster Image Generation", "We accelerate VAR models for image generation with a new cache.")
    (citation,) = infer_citations([VAR, citing])
    assert (citation.citing, citation.cited) == (citing.id, VAR.id)
    assert "VAR models" in citation.evidence and 0 < citation.confidence < 1


@pytest.mark.parametrize(
    ("cited", "abstract"),
    [
        (RWKV, "We add cross-attention to the state-based RWKV-7 model for sequence models."),  # a later version
        (SONNET, "Repeated sampling lifts Claude 3.5 Sonnet on long contexts for language tasks."),  # part of a name
        (ATTENTION, "Attention is used by our sequence models for language and vision tasks."),  # an ordinary word
        (MAMBA, "We compare against Omni-Mamba and VL-Mamba variants only, for long contexts."),  # compounds
    ],
)
def test_traps_do_not_link(cited: Paper, abstract: str) -> None:
    citing = paper("A Later Paper", f"{FILLER} {abstract}", 2025)
    other = paper("Unrelated", f"{FILLER} attention maps in language models.")
    assert (citing.id, cited.id) not in links(cited, citing, other)


def test_an_acronym_the_citing_paper_defines_otherwise_does_not_link() -> None:
    moc = paper("MoC: Mixture-of-Channels for Sparse FFNs", "We propose Mixture-of-Channels (MoC) for sparse FFNs.")
    citing = paper("Long Video Generation", "We introduce Mixture of Contexts (MoC), sparse routing; MoC is fast.")
    assert links(moc, citing) == set()


def test_no_link_backwards_in_time() -> None:
    earlier = paper("An Earlier Paper", f"{FILLER} Mamba-like models are compared.", 2020)
    assert (earlier.id, MAMBA.id) not in links(MAMBA, earlier)


def test_explicit_references_resolve_by_doi_arxiv_id_and_title() -> None:
    cited = paper("Scaling Laws for Neural Language Models", "...", doi="10.1/abc", arxiv_id="2001.08361")
    by_doi = paper("A", "...", references=["10.1/ABC"])
    by_arxiv = paper("B", "...", references=["2001.08361"])
    by_title = paper("C", "...", references=["Scaling laws for neural language models"])
    found = {(c.citing, c.cited, c.inferred) for c in explicit_citations([cited, by_doi, by_arxiv, by_title])}
    assert found == {(p.id, cited.id, False) for p in (by_doi, by_arxiv, by_title)}
