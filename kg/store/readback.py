"""The papers and extractions a graph holds, read back as the `kg.model` objects the writer was given.

Lossless for what `kg.store.papers.write_papers` and `kg.store.extraction.write_extractions` write:
writing the read-back objects into an empty graph gives the same graph facts (`kg.store.facts`) as
writing the originals. What the writer does not store cannot come back: a name definition's kind
(read back as `NameKind.ACRONYM`), a mention's own family, size and long form (the entity's, which is
the smallest any paper gave, come back on every mention, so the entity converges to the same values),
and a claim's named entities (its CLAIM_ABOUT keys come back instead, which resolve to the same links).
Mentions come back in the order of their offsets, the extractor's order: a result's subject that names
two of the paper's entities links to the first (`kg.model.PaperEntities`), so the order is part of what
the writer writes (on the 93k graph, 188 of 57,877 results linked elsewhere in any other order).
Analysis values on the nodes (scores, topics, runs) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import Driver

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
from kg.store.cypher.readback import READ_BACK_PAPERS
from kg.store.db import run_read
from kg.store.papers import PAPER_FIELDS

Row = dict[str, Any]


def read_back(driver: Driver, database: str, page_size: int = 2000) -> Iterator[tuple[Paper, Extraction]]:
    """Every paper of the graph with its extraction, in paper id order, a keyset page at a time."""
    after = ""
    while page := run_read(driver, READ_BACK_PAPERS, database, after=after, limit=page_size):
        yield from (paper_and_extraction(row) for row in page)
        after = page[-1]["id"]


def paper_and_extraction(row: Row) -> tuple[Paper, Extraction]:
    props = row["props"]
    paper = Paper(
        id=row["id"],
        **{name: props.get(name) for name in PAPER_FIELDS if name not in ("authors", "references")},
        authors=list(props.get("authors") or []),
        references=list(props.get("references") or []),
        occurrences=[Occurrence(source, line, position) for source, line, position in sorted(row["listings"])],
    )
    extraction = Extraction(
        paper_id=row["id"],
        entities=sorted((m for found in row["mentions"] for m in mentions(found)), key=lambda m: (m.start, m.end)),
        results=[result(found) for found in by_index(row["results"])],
        claims=[claim(found["props"], found["about"]) for found in by_index(row["claims"], "props")],
        extractor_version=props.get("extractor_version") or "",
        definitions=definitions(props),
        names=list(props.get("names") or []),
    )
    return paper, extraction


def by_index(rows: list[Row], inner: str | None = None) -> list[Row]:
    """Results or claims in the order the extraction listed them (their ids end in `:<index>`)."""
    return sorted(rows, key=lambda row: int((row[inner] if inner else row)["id"].rsplit(":", 1)[1]))


def mentions(found: Row) -> list[EntityMention]:
    label = Label(found["label"])
    canonical = found["key"].split(":", 1)[1]
    offsets = found["offsets"]
    return [
        EntityMention(
            text=surface,
            label=label,
            start=offsets[2 * index],
            end=offsets[2 * index + 1],
            canonical=canonical,
            family=found["family"],
            size=found["size"],
            long_form=found["long_form"],
        )
        for index, surface in enumerate(found["surfaces"])
    ]


def result(props: Row) -> Result:
    return Result(**{name: props[name] for name in Result.__dataclass_fields__ if name in props})


def claim(props: Row, about: list[str]) -> Claim:
    fields = {name: props[name] for name in Claim.__dataclass_fields__ if name in props}
    enums = {"direction": Direction, "polarity": Polarity, "role": Role}
    typed = {name: enum(fields[name]) for name, enum in enums.items() if fields.get(name) is not None}
    return Claim(**{**fields, **typed, "entities": sorted(about)})


def definitions(props: Row) -> list[NameDefinition]:
    """The paper's definitions from its parallel lists; `proposed` marks the definitions `proposed_names` lists."""
    proposed = list(props.get("proposed_names") or [])
    found = []
    for name, long_form in zip(props.get("defined_names") or [], props.get("defined_long_forms") or [], strict=True):
        is_proposed = bool(proposed) and proposed[0] == name
        if is_proposed:
            proposed.pop(0)
        found.append(NameDefinition(name, NameKind.ACRONYM, is_proposed, long_form or None))
    return found
