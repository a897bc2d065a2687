"""JSON Lines input: fields, ids, dates, occurrences."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from kg.ingest import read_papers
from kg.ingest.dates import parse_date
from kg.model import Paper, paper_id

TITLE = "Scaling Laws for Neural Language Models"
ABSTRACT = "We study empirical scaling laws for language model performance on the cross-entropy loss."


def read_rows(tmp_path: Path, *rows: Mapping[str, object], name: str = "in.jsonl") -> list[Paper]:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    return [item for item in read_papers([path]) if isinstance(item, Paper)]


def test_all_fields_are_kept(tmp_path: Path) -> None:
    row = {
        "title": TITLE,
        "abstract": ABSTRACT,
        "date": "2020-01-23",
        "authors": ["Jared Kaplan", "Sam McCandlish"],
        "doi": "10.48550/arXiv.2001.08361",
        "arxiv_id": "2001.08361",
        "references": ["1706.03762"],
    }
    (paper,) = read_rows(tmp_path, row)
    assert paper.id == paper_id(TITLE)
    assert (paper.title, paper.abstract, paper.doi, paper.arxiv_id) == (TITLE, ABSTRACT, row["doi"], row["arxiv_id"])
    assert (paper.authors, paper.author_count, paper.references) == (row["authors"], 2, row["references"])
    assert (paper.date, paper.year, paper.month, paper.day) == ("2020-01-23", 2020, 1, 23)


def test_a_given_id_wins_over_the_title_hash(tmp_path: Path) -> None:
    (paper,) = read_rows(tmp_path, {"id": "kaplan2020", "title": TITLE, "abstract": ABSTRACT})
    assert paper.id == "kaplan2020"


def test_occurrences_name_file_line_and_position_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [json.dumps({"title": f"{TITLE} {n}", "abstract": ABSTRACT}) for n in range(2)]
    path.write_text(f"{rows[0]}\n\n{rows[1]}\n")
    papers = [item for item in read_papers([path]) if isinstance(item, Paper)]
    assert [(p.occurrences[0].source, p.occurrences[0].line, p.occurrences[0].position) for p in papers] == [
        ("in.jsonl", 1, 1),
        ("in.jsonl", 3, 2),
    ]


def test_an_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    assert len(read_rows(tmp_path, {"title": TITLE, "abstract": ABSTRACT}, name="papers.data")) == 1


@pytest.mark.parametrize(
    ("text", "iso", "year", "month", "day"),
    [
        ("Nov 20, 2025", "2025-11-20", 2025, 11, 20),
        ("Mar 3", "--03-03", None, 3, 3),
        ("Feb 29", "--02-29", None, 2, 29),
        ("2025-11-20", "2025-11-20", 2025, 11, 20),
        ("2025-11", "2025-11", 2025, 11, None),
        ("2025", "2025", 2025, None, None),
        ("--03-03", "--03-03", None, 3, 3),
    ],
)
def test_dates(text: str, iso: str, year: int | None, month: int | None, day: int | None) -> None:
    date = parse_date(text)
    assert date is not None and (date.iso, date.year, date.month, date.day) == (iso, year, month, day)


@pytest.mark.parametrize("text", ["Feb 30, 2025", "2025-13-01", "--02-30", "Foo 3", "yesterday", ""])
def test_impossible_dates_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["Nov 20, 2025", "Mar 3", "2025-11", "2025"])
def test_a_parsed_date_reads_back_from_its_iso_form(text: str) -> None:
    date = parse_date(text)
    assert date is not None and parse_date(date.iso) == date
