"""Reader for what `kg extract` writes: one paper and its extraction a line, back as `kg.model` objects.

A record carries the paper (`id`, `title` and its other fields under `paper`) and the whole extraction
(entities, results, claims with their frames, the names it defines and uses), so a graph can be
written from it without extracting again (`kg bulk-import`). A line that is not such a record is an
`InputError` naming the file and line: these files are machine-written, and a load in bulk is all or
nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.lines import FileUnreadable
from kg.ingest.readers import open_input
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

PAPER_KEYS = ("date", "year", "month", "day", "author_count", "organization", "upvotes", "doi", "arxiv_id")


def read_extracted(paths: Iterable[Path]) -> Iterator[tuple[Paper, Extraction]]:
    """Each record of each `kg extract` output file, in order; `.gz` files are read as a stream."""
    for path in paths:
        if not path.is_file():
            raise InputError(f"no such file: {path}")
        try:
            handle = open_input(path)
        except FileUnreadable as exc:
            raise InputError(f"{path}: {exc}") from None
        with handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield parse_extracted(raw, f"{path}:{number}")


def parse_extracted(raw: bytes | str, where: str) -> tuple[Paper, Extraction]:
    """One record; an `InputError` naming `where` (file:line) and what is missing or wrong."""
    try:
        record = json.loads(raw)
        if "paper" not in record:
            raise InputError(
                f'{where}: not a complete `kg extract` record (no "paper" field); run `kg extract` again to write one'
            )
        return to_paper(record), to_extraction(record)
    except InputError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InputError(f"{where}: not a `kg extract` record ({problem})") from None


def to_paper(record: dict[str, Any]) -> Paper:
    fields = record["paper"]
    return Paper(
        id=record["id"],
        title=record["title"],
        abstract=fields["abstract"],
        authors=list(fields.get("authors") or []),
        references=list(fields.get("references") or []),
        occurrences=[Occurrence(source, line, position) for source, line, position in fields.get("occurrences") or []],
        **{key: fields.get(key) for key in PAPER_KEYS},
    )


def to_extraction(record: dict[str, Any]) -> Extraction:
    return Extraction(
        paper_id=record["id"],
        entities=[entity(found) for found in record["entities"]],
        results=[Result(**found) for found in record["results"]],
        claims=[claim(found) for found in record["claims"]],
        extractor_version=record["extractor_version"],
        definitions=[
            NameDefinition(d["name"], NameKind(d["kind"]), d["proposed"], d["long_form"]) for d in record["definitions"]
        ],
        names=list(record["names"]),
    )


def entity(found: dict[str, Any]) -> EntityMention:
    return EntityMention(**{**found, "label": Label(found["label"])})


def claim(found: dict[str, Any]) -> Claim:
    conditions = found.get("conditions") or []
    return Claim(
        text=found["text"],
        start=found["start"],
        end=found["end"],
        factor=found.get("factor"),
        comparator=found.get("comparator"),
        direction=Direction(found["direction"]) if found.get("direction") else None,
        outcome=found.get("outcome"),
        outcome_class=found.get("outcome_class"),
        polarity=Polarity(found["polarity"]) if found.get("polarity") else None,
        negated=found["negated"],
        hedged=found["hedged"],
        role=Role(found["role"]) if found.get("role") else None,
        condition_kinds=[c["kind"] for c in conditions],
        condition_values=[c["value"] for c in conditions],
        entities=list(found.get("entities") or []),
    )
