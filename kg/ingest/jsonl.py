"""Reader for JSON Lines input: one paper a line.

`{"title": str, "abstract": str, "id"?: str, "date"?: str, "authors"?: [str], "doi"?: str,
"arxiv_id"?: str, "references"?: [str]}`. Without "id" the paper id is `kg.model.paper_id(title)`.
Blank lines are skipped; any other line that is not such an object becomes a `Reject`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kg.ingest.dates import parse_date
from kg.ingest.lines import Line
from kg.model import Occurrence, Paper, Reject, paper_id

EXCERPT_CHARS = 80
_OPTIONAL_STRINGS = ("id", "date", "doi", "arxiv_id")
_STRING_LISTS = ("authors", "references")


class RecordError(ValueError):
    """A JSON Lines record that is JSON but not a usable paper."""


def read_jsonl(source: str, lines: Iterable[Line]) -> Iterator[Paper | Reject]:
    """Yield one `Paper` per good line and one `Reject` per bad one."""
    position = 0
    found = False
    for line in lines:
        if line.ok and not line.text.strip():
            continue
        if not line.ok:
            yield _reject(source, line.number, str(line.problem), line.excerpt)
            continue
        try:
            record = parse_record(line.text)
        except RecordError as exc:
            yield _reject(source, line.number, str(exc), line.text)
            continue
        position += 1
        found = True
        yield to_paper(record, Occurrence(source, line.number, position))
    if not found:
        yield Reject(source, None, f"{source}: no papers found")


def parse_record(text: str) -> dict[str, Any]:
    """The JSON object on one line, checked field by field; `RecordError` says what is wrong."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise RecordError(f"not a JSON object but a {type(record).__name__}")
    for key in ("title", "abstract"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RecordError(f'no "{key}" (a non-empty string is required)')
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise RecordError(f'"{key}" must be a string')
    for key in _STRING_LISTS:
        value = record.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise RecordError(f'"{key}" must be a list of strings')
    if record.get("date") and parse_date(record["date"]) is None:
        raise RecordError(f'"date" {record["date"]!r} is not a date (use 2025-11-20, 2025-11, 2025 or Nov 20, 2025)')
    return record


def to_paper(record: dict[str, Any], occurrence: Occurrence) -> Paper:
    title = " ".join(record["title"].split())
    paper = Paper(
        id=(record.get("id") or "").strip() or paper_id(title),
        title=title,
        abstract=record["abstract"].strip(),
        authors=list(record.get("authors") or []),
        doi=record.get("doi") or None,
        arxiv_id=record.get("arxiv_id") or None,
        references=list(record.get("references") or []),
        occurrences=[occurrence],
    )
    paper.author_count = len(paper.authors) or None
    date = parse_date(record["date"]) if record.get("date") else None
    if date is not None:
        paper.date, paper.year, paper.month, paper.day = date.iso, date.year, date.month, date.day
    return paper


def _reject(source: str, line: int, reason: str, excerpt: str) -> Reject:
    return Reject(source, line, f"{source}, line {line}: {reason}", excerpt[:EXCERPT_CHARS])
