"""`kg bulk-import` without a server: a remote database is refused in one line, `kg extract` records read
back into the very objects that were written, and CSV fields keep empty strings, absent values and quotes apart."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractors.export import to_record
from kg.cli.main import main
from kg.errors import InputError
from kg.ingest.extracted import parse_extracted, read_extracted
from kg.model import (
    Claim,
    Direction,
    EntityMention,
    Extraction,
    Label,
    NameDefinition,
    NameKind,
    Occurrence,
    Paper,
    Polarity,
    Result,
    Role,
)
from kg.store.bulk import ARRAY_DELIMITER, _cell, _inexpressible


def test_a_remote_database_is_refused_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    extracted = tmp_path / "extracted.jsonl"
    extracted.write_text("{}\n")
    monkeypatch.setattr(sys, "argv", ["kg", "bulk-import", str(extracted)])
    monkeypatch.setenv("KG_NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "unused")
    with pytest.raises(SystemExit) as exited:
        main()
    err = capsys.readouterr().err.strip()
    assert exited.value.code == 1 and "\n" not in err and "Traceback" not in err
    assert "neo4j+s://example.databases.neo4j.io" in err and "KG_NEO4J_URI" in err and "kg ingest" in err


def full_paper() -> tuple[Paper, Extraction]:
    paper = Paper(
        id="2501.00001", title="VAR-7B: scaling", abstract='A "quoted" abstract,\nover two lines.', date="2025-01-02",
        year=2025, month=1, day=2, authors=["A. Author", "B. Author"], author_count=2, organization="Lab",
        upvotes=3, doi="10.1/x", arxiv_id="2501.00001", references=["2401.00002"],
        occurrences=[Occurrence("listing.jsonl", 4, 4)],
    )  # fmt: skip
    extraction = Extraction(
        paper_id=paper.id,
        entities=[EntityMention("VAR-7B", Label.MODEL, 0, 6, "var", family="VAR", size="7B", long_form=None)],
        results=[Result("accuracy", "91.5%", "%", "VAR-7B", "ImageNet", 91.5, "from 90.1", 10, 20)],
        claims=[claim()],
        extractor_version="rules-1+abc",
        definitions=[NameDefinition("VAR", NameKind.ACRONYM, proposed=True, long_form="visual autoregression")],
        names=["VAR", "VAR-7B"],
    )
    return paper, extraction


def claim() -> Claim:
    return Claim(
        "VAR-7B beats X.", 0, 15, factor="var", comparator="x", direction=Direction.COMPARE, outcome="accuracy",
        outcome_class="performance", polarity=Polarity.IMPROVES, negated=False, hedged=True, role=Role.FINDING,
        condition_kinds=["dataset"], condition_values=["ImageNet"], entities=["var"],
    )  # fmt: skip


def test_a_kg_extract_record_reads_back_into_the_same_paper_and_extraction() -> None:
    paper, extraction = full_paper()
    line = json.dumps(to_record(paper, extraction))
    assert parse_extracted(line, "x.jsonl:1") == (paper, extraction)


def test_a_record_without_the_paper_fields_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    record = to_record(*full_paper())
    del record["paper"]
    path.write_text("\n" + json.dumps(record) + "\n")
    with pytest.raises(InputError, match=r"old\.jsonl:2: not a complete `kg extract` record"):
        list(read_extracted([path]))
    path.write_text('{"id": "x"\n')
    with pytest.raises(InputError, match=r"old\.jsonl:1: not a `kg extract` record"):
        list(read_extracted([path]))


@pytest.mark.parametrize(
    ("value", "field"),
    [
        (None, ""),
        ("", '""'),
        ('say "hi", then\nleave', '"say ""hi"", then\nleave"'),
        (True, "true"),
        (False, "false"),
        (7, "7"),
        (1.5, "1.5"),
        (["a", "", "b"], f'"a{ARRAY_DELIMITER}{ARRAY_DELIMITER}b"'),
        ([1, 2], f'"1{ARRAY_DELIMITER}2"'),
    ],
)
def test_csv_fields(value: object, field: str) -> None:
    assert _cell(value) == field


def test_lists_an_array_field_cannot_hold_are_deferred() -> None:
    assert _inexpressible([]) and _inexpressible([""])
    assert not _inexpressible(["", ""]) and not _inexpressible(["a"])
    with pytest.raises(ValueError, match="array delimiter"):
        _cell([f"a{ARRAY_DELIMITER}b"])
