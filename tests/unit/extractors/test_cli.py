"""`kg extract`: JSON Lines out, duplicates once, rejects on stderr with file and line, exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli.main import app

GOOD = {"title": "Go Wider Instead of Deeper", "abstract": "We find that wider networks outperform deeper ones."}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_extract_writes_one_line_per_distinct_paper(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [json.dumps(GOOD), json.dumps(GOOD)])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in records] == [GOOD["title"]]
    assert records[0]["claims"][0]["text"] == GOOD["abstract"]
    assert records[0]["claims"][0]["factor"] == "model width"


def test_rejects_are_reported_and_good_records_kept(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [json.dumps(GOOD), "{not json"])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert "in.jsonl:2" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_listing_page_input(tmp_path: Path, corpus_dir: Path) -> None:
    page = sorted(corpus_dir.glob("*.txt"))[1]
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(page), "-o", str(out), "--batch-size", "16"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len({r["id"] for r in records}) > 10
    assert sum(len(r["entities"]) for r in records) > len(records)


def test_missing_input_is_an_argument_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code != 0


def test_output_in_a_missing_folder_is_an_argument_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [json.dumps(GOOD)])
    result = CliRunner().invoke(app, ["extract", str(source), "-o", str(tmp_path / "nope" / "out.jsonl")])
    assert result.exit_code != 0
    assert "no such folder" in str(result.exception)
