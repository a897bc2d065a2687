"""Citation inference from stored names: a name a paper proposes, used by a later paper; and the traps."""

from __future__ import annotations

import pytest

from kg.analytics.citations import distinctive_shape, explicit_citations, infer_citations
from kg.model import Paper, PaperNames, paper_id


def paper(title: str, year: int | None = None, month: int | None = 1, **fields: object) -> Paper:
    return Paper(id=paper_id(title), title=title, abstract="", year=year, month=month if year else None, **fields)  # type: ignore[arg-type]


def names(of: Paper, used: str = "", proposed: str = "", **defined: str) -> PaperNames:
    """`used`/`proposed`: space-separated names; `defined`: name -> long form."""
    return PaperNames(
        of.id,
        used=tuple(sorted(set(used.split()) | set(proposed.split()) | set(defined))),
        defined=tuple(sorted(defined.items())),
        proposed=tuple(proposed.split()),
    )


VAR = paper("Visual Autoregressive Modeling: Scalable Image Generation", 2025, 3)
LATER = paper("Faster Image Generation", 2025, 6)
EARLIER = paper("An Earlier Paper", 2025, 1)


def links(entries: list[tuple[Paper, PaperNames]], max_definers: int = 3) -> set[tuple[str, str]]:
    found = infer_citations([p for p, _ in entries], [n for _, n in entries], max_definers=max_definers)
    return {(c.citing, c.cited) for c in found}


def test_a_later_paper_using_a_proposed_name_cites_its_proposer_with_the_name_as_evidence() -> None:
    entries = [(VAR, names(VAR, proposed="VAR", VAR="Visual AutoRegressive modeling")), (LATER, names(LATER, "VAR"))]
    (citation,) = infer_citations([p for p, _ in entries], [n for _, n in entries])
    assert (citation.citing, citation.cited) == (LATER.id, VAR.id)
    assert citation.evidence == "VAR (Visual AutoRegressive modeling)" and 0 < citation.confidence < 1


def test_a_name_only_defined_not_proposed_introduces_nothing() -> None:
    assert links([(VAR, names(VAR, RAG="retrieval-augmented generation")), (LATER, names(LATER, "RAG"))]) == set()


def test_a_name_used_before_its_proposer_is_not_the_proposers() -> None:
    entries = [(VAR, names(VAR, proposed="VAR")), (LATER, names(LATER, "VAR")), (EARLIER, names(EARLIER, "VAR"))]
    assert links(entries) == set()


def test_a_name_many_papers_spell_out_is_the_fields() -> None:
    definers = [paper(f"Definer {n}", 2025, 7) for n in range(3)]
    entries = [(VAR, names(VAR, proposed="VAR")), (LATER, names(LATER, "VAR"))]
    entries += [(p, names(p, VAR="Visual AutoRegressive modeling")) for p in definers]
    assert links(entries, max_definers=3) == set()
    assert links(entries[:4], max_definers=3) == {
        (LATER.id, VAR.id),
        (definers[0].id, VAR.id),
        (definers[1].id, VAR.id),
    }


def test_two_proposers_with_different_meanings_are_a_collision() -> None:
    other = paper("Another VAR", 2025, 4)
    entries = [
        (VAR, names(VAR, proposed="VAR", VAR="Visual AutoRegressive modeling")),
        (other, names(other, proposed="VAR", VAR="Variance-Aware Routing")),
        (LATER, names(LATER, "VAR")),
    ]
    assert links(entries) == set()


def test_a_citing_paper_that_spells_the_name_out_otherwise_does_not_link() -> None:
    entries = [
        (VAR, names(VAR, proposed="VAR", VAR="Visual AutoRegressive modeling")),
        (LATER, names(LATER, VAR="value at risk")),
    ]
    assert links(entries) == set()


@pytest.mark.parametrize(
    ("year", "month", "day", "cites"), [(2025, 3, None, True), (2025, 2, None, False), (None, None, None, True)]
)
def test_the_citing_paper_is_not_earlier(year: int | None, month: int | None, day: int | None, cites: bool) -> None:
    citing = Paper(id="c", title="c", abstract="", year=year, month=month, day=day)
    entries = [(VAR, names(VAR, proposed="VAR")), (citing, names(citing, "VAR"))]
    assert (("c", VAR.id) in links(entries)) is cites


def test_on_the_same_day_nobody_cites() -> None:
    first = Paper(id="a", title="a", abstract="", year=2025, month=3, day=4)
    same = Paper(id="b", title="b", abstract="", year=2025, month=3, day=4)
    assert links([(first, names(first, proposed="VAR")), (same, names(same, "VAR"))]) == set()


def test_explicit_references_resolve_by_doi_arxiv_id_and_title() -> None:
    cited = paper("Scaling Laws for Neural Language Models", doi="10.1/abc", arxiv_id="2001.08361")
    by_doi = paper("A", references=["10.1/ABC"])
    by_arxiv = paper("B", references=["2001.08361"])
    by_title = paper("C", references=["Scaling laws for neural language models"])
    found = {(c.citing, c.cited, c.inferred) for c in explicit_citations([cited, by_doi, by_arxiv, by_title])}
    assert found == {(p.id, cited.id, False) for p in (by_doi, by_arxiv, by_title)}


@pytest.mark.parametrize(
    ("name", "distinctive"),
    [
        ("VAR", True),
        ("BrowseComp", True),
        ("InternVL3", True),
        ("Video-R1", True),
        ("Flux", False),  # a plain word
        ("Phoneme Error Rate", False),  # a phrase of plain words
        ("LLM-assisted", False),  # a modifier phrase
        ("FSMs", False),  # a plural: a class of things
        ("AB", False),  # too short to be anyone's
    ],
)
def test_only_names_shaped_to_be_someones_are_introduced(name: str, distinctive: bool) -> None:
    assert distinctive_shape(name) is distinctive


@pytest.mark.parametrize("name", ["BrowseComp", "Flux"])
def test_a_name_of_no_distinctive_shape_links_nothing(name: str) -> None:
    entries = [(VAR, names(VAR, proposed=name)), (LATER, names(LATER, name))]
    assert bool(links(entries)) is distinctive_shape(name)


def test_a_capitals_only_name_needs_the_same_long_form_or_a_close_topic() -> None:
    introducer = names(VAR, proposed="MTGS", MTGS="Multi-Traversal Gaussian Splatting")
    papers = [VAR, LATER]

    def cited(later: PaperNames, related: float) -> bool:
        return bool(infer_citations(papers, [introducer, later], similarity=lambda a, b: related))

    assert not cited(names(LATER, "MTGS"), 0.05)
    assert cited(names(LATER, "MTGS"), 0.2)
    assert cited(names(LATER, MTGS="multi-traversal Gaussian splatting"), 0.05)
