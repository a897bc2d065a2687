"""Listing pages: both layouts, parsed from real corpus lines copied into tests/data/ingest/."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_papers
from kg.ingest.lines import Line
from kg.ingest.pages import Layout, detect_layout, looks_like_abstract, read_page
from kg.model import Paper, Reject, paper_id

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def papers_of(path: Path) -> list[Paper]:
    items = list(read_papers([path]))
    assert [item for item in items if isinstance(item, Reject)] == []
    return [item for item in items if isinstance(item, Paper)]


def numbered(text: str) -> list[Line]:
    return [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]


@pytest.mark.parametrize(("name", "layout"), [("pairs.txt", Layout.PAIRS), ("daily.txt", Layout.DAILY)])
def test_layout_is_detected_from_content(name: str, layout: Layout, tmp_path: Path) -> None:
    renamed = tmp_path / ("daily.txt" if layout is Layout.PAIRS else "pairs.txt")
    renamed.write_bytes((DATA / name).read_bytes())
    assert detect_layout(numbered(renamed.read_text())[:20]) is layout
    assert len(papers_of(renamed)) == len(papers_of(DATA / name))


def test_pairs_layout_reads_every_title_abstract_pair() -> None:
    lines = (DATA / "pairs.txt").read_text().splitlines()
    papers = papers_of(DATA / "pairs.txt")
    assert [p.title for p in papers] == [lines[2].removeprefix("Subscribe"), lines[4], lines[6]]
    assert [p.abstract for p in papers] == [lines[3], lines[5], lines[7]]
    assert [(o.line, o.position) for p in papers for o in p.occurrences] == [(3, 1), (5, 2), (7, 3)]
    assert all(p.id == paper_id(p.title) and p.date is None for p in papers)


def test_daily_layout_reads_titles_abstracts_and_line_numbers() -> None:
    lines = (DATA / "daily.txt").read_text().split("\n")
    papers = papers_of(DATA / "daily.txt")
    assert len(papers) == 5
    for paper in papers:
        title_line = paper.occurrences[0].line
        assert lines[title_line - 1] == paper.title
        assert lines[title_line + 1] == paper.abstract


@pytest.mark.parametrize(
    ("title_start", "author_count", "organization", "date", "year", "month", "day", "upvotes"),
    [
        ("Progressive Supernet", 8, None, "2025-11-20", 2025, 11, 20, None),  # "Nov 20, 2025"
        ("When Does Sparsity", None, None, None, None, None, None, None),  # no metadata block at all
        ("The Curse of Depth", 6, None, "2025-02-09", 2025, 2, 9, 5),  # "Feb 9, 2025 5"
        ("Beyond Language Modeling", None, "AI at Meta", "--03-03", None, 3, 3, 6),  # "facebook AI at Meta", "Mar 3 6"
        ("AdamP", None, "NAVER AI Lab", "2020-06-15", 2020, 6, 15, None),  # "naver-ai NAVER AI Lab"
    ],
)
def test_daily_layout_keeps_metadata(
    title_start: str,
    author_count: int | None,
    organization: str | None,
    date: str | None,
    year: int | None,
    month: int | None,
    day: int | None,
    upvotes: int | None,
) -> None:
    (paper,) = [p for p in papers_of(DATA / "daily.txt") if p.title.startswith(title_start)]
    assert (paper.author_count, paper.organization, paper.upvotes) == (author_count, organization, upvotes)
    assert (paper.date, paper.year, paper.month, paper.day) == (date, year, month, day)


def test_subscribe_is_unglued_only_in_the_header() -> None:
    abstract = "x " * 150
    text = f"Get trending papers in your email inbox!\nSubscribeFirst\n{abstract}\nSubscriber Counts Matter\n{abstract}"
    papers = [i for i in read_page("p.txt", numbered(text)) if isinstance(i, Paper)]
    assert [p.title for p in papers] == ["First", "Subscriber Counts Matter"]


@pytest.mark.parametrize(
    ("text", "is_abstract"),
    [
        ("Mamba: Linear-Time Sequence Modeling with Selective State Spaces", False),
        ("Why Has Predicting Downstream Capabilities of Frontier AI Models with Scale Remained Elusive?", False),
        ("We study scaling. " * 12, True),
        ("We show that a tiny model of twelve words or more is a sentence.", True),
    ],
)
def test_titles_and_abstracts_are_told_apart_by_shape(text: str, is_abstract: bool) -> None:
    assert looks_like_abstract(text.strip()) is is_abstract
