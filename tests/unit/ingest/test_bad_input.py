"""Bad input (issue #2 point 5): each bad record is one `Reject` naming file and line; good records still read."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from kg.ingest import read_papers
from kg.ingest.lines import MAX_LINE_BYTES
from kg.model import Paper, Reject

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
PAIRS = (DATA / "pairs.txt").read_text().splitlines()
HEADER, TITLE_A, ABSTRACT_A, TITLE_B, ABSTRACT_B = PAIRS[:2], PAIRS[4], PAIRS[5], PAIRS[6], PAIRS[7]
GOOD = {"title": TITLE_A, "abstract": ABSTRACT_A}


def split(items: list[Paper | Reject]) -> tuple[list[Paper], list[Reject]]:
    return [i for i in items if isinstance(i, Paper)], [i for i in items if isinstance(i, Reject)]


def page(tmp_path: Path, *lines: str | bytes, name: str = "page.txt") -> Path:
    path = tmp_path / name
    raw = [line if isinstance(line, bytes) else line.encode() for line in (*HEADER, "Subscribe", *lines)]
    path.write_bytes(b"\n".join(raw) + b"\n")
    return path


def good_file(tmp_path: Path) -> Path:
    return page(tmp_path, TITLE_B, ABSTRACT_B, name="good.txt")


BAD_FILES: dict[str, bytes | None] = {
    "missing.txt": None,  # never written
    "empty.txt": b"",
    "blank.txt": b"\n \n\n",
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
}


def make_bad(directory: Path, name: str) -> Path:
    path = directory / name
    if name == "nothing":
        path.mkdir()
    elif BAD_FILES[name] is not None:
        path.write_bytes(BAD_FILES[name] or b"")
    return path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.txt", "no such file"),
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("image.txt", "binary"),
        ("nothing", "no .txt or .jsonl files"),
    ],
)
def test_unusable_paths_are_rejected_and_the_other_files_still_read(tmp_path: Path, name: str, reason: str) -> None:
    bad = make_bad(tmp_path, name)
    papers, rejects = split(list(read_papers([bad, good_file(tmp_path)])))
    assert [p.title for p in papers] == [TITLE_B]
    (reject,) = rejects
    assert reason in reject.reason and str(bad) in reject.reason and reject.line is None


def test_a_file_without_read_permission_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = page(tmp_path, TITLE_A, ABSTRACT_A, name="locked.txt")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads files whatever their permissions: `open` refuses as the OS would
        real_open = Path.open

        def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self == locked:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refusing_open)
    papers, rejects = split(list(read_papers([locked, good_file(tmp_path)])))
    assert len(papers) == 1 and "permission denied" in rejects[0].reason


@pytest.mark.parametrize(
    ("lines", "bad_line", "reason"),
    [
        ((TITLE_A, TITLE_B, ABSTRACT_B), 4, "title with no abstract"),
        ((TITLE_B, ABSTRACT_B, TITLE_A), 6, "title with no abstract"),
        ((ABSTRACT_A, TITLE_B, ABSTRACT_B), 4, "abstract with no title"),
        ((TITLE_A.encode() + b" \xff\xfe", ABSTRACT_A, TITLE_B, ABSTRACT_B), 4, "invalid UTF-8"),
        ((TITLE_A, ABSTRACT_A.encode()[:40] + b"\xc3(" + ABSTRACT_A.encode()[40:], TITLE_B, ABSTRACT_B), 4, "UTF-8"),
        ((TITLE_A, b"x" * (MAX_LINE_BYTES * 10), TITLE_B, ABSTRACT_B), 4, "line too long"),
    ],
)
def test_bad_page_records_are_rejected_with_file_and_line(
    tmp_path: Path, lines: tuple[str | bytes, ...], bad_line: int, reason: str
) -> None:
    papers, rejects = split(list(read_papers([page(tmp_path, *lines)])))
    assert [p.title for p in papers] == [TITLE_B]
    (reject,) = rejects
    assert reason in reject.reason
    assert reject.line == bad_line and f"page.txt, line {bad_line}" in reject.reason


def test_an_overlong_line_is_never_held_whole(tmp_path: Path) -> None:
    path = page(tmp_path, TITLE_A, b"y" * (10 * 1024 * 1024), TITLE_B, ABSTRACT_B)
    (_, reject) = split(list(read_papers([path])))
    assert len(reject) == 1 and len(reject[0].excerpt) <= 80


def jsonl(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n")
    return path


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ({"abstract": ABSTRACT_A}, 'no "title"'),
        ({"title": TITLE_A}, 'no "abstract"'),
        ({"title": TITLE_A, "abstract": "  "}, 'no "abstract"'),
        ({**GOOD, "authors": "Ada Lovelace"}, '"authors" must be a list of strings'),
        ({**GOOD, "id": 7}, '"id" must be a string'),
        ({**GOOD, "date": "yesterday"}, '"date"'),
    ],
)
def test_bad_jsonl_rows_are_rejected_and_the_good_rows_read(tmp_path: Path, row: object, reason: str) -> None:
    path = jsonl(tmp_path, {"title": TITLE_B, "abstract": ABSTRACT_B}, row, GOOD)
    papers, rejects = split(list(read_papers([path])))
    assert [p.title for p in papers] == [TITLE_B, TITLE_A]
    (reject,) = rejects
    assert reason in reject.reason and "papers.jsonl, line 2" in reject.reason and reject.line == 2


def test_invalid_utf8_in_jsonl_rejects_that_row_only(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"title": "\xff"}\n' + json.dumps(GOOD).encode() + b"\n")
    papers, rejects = split(list(read_papers([path])))
    assert len(papers) == 2 and rejects[0].line == 2 and "invalid UTF-8" in rejects[0].reason
