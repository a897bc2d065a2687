"""The graph `kg ingest` writes, laid out as the CSV files `neo4j-admin database import full` loads.

The rows are the online path's own (`paper_rows`, `listing_rows`, `organization_rows` and
`extraction_rows`), so both paths write the same facts; this module only lays them out as the
importer's node and relationship files. Entities are aggregated over the whole input the way the
online MERGE and `REFRESH_ENTITY_TOTALS` do (the smallest family, size and long form given; mention
and paper totals; every surface form, most frequent first, as aliases; the first as name) and are
written when the input ends.

The importer reads an empty array field as "no property", so a list that is empty or holds a single
empty string (a paper that names nothing, a claim without conditions) cannot be said in CSV: those
values are kept aside (`deferred.jsonl`) and set with Cypher once the server runs
(`set_deferred_lists`). Everything else is typed in the file headers (`year:long`, `negated:boolean`,
`authors:string[]`); strings are always quoted, so an empty string stays an empty string and an
absent value (an empty unquoted field) stays absent.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from neo4j import Driver

from kg.model import Extraction, Label, NodeLabel, Paper, RelType
from kg.store.cypher.bulk import SET_LISTS
from kg.store.extraction import ExtractionRows, extraction_rows
from kg.store.papers import listing_rows, organization_rows, paper_rows

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: never part of a title, a name or a sentence
ARRAY_DELIMITER_OPTION = "U+001F"
DEFERRED_FILE = "deferred.jsonl"
DEFERRED_BATCH = 10_000

Row = dict[str, Any]

PAPER_COLUMNS = (
    "title", "abstract", "date", "year:long", "month:long", "day:long", "authors:string[]", "author_count:long",
    "organization", "upvotes:long", "doi", "arxiv_id", "references:string[]", "extractor_version",
    "names:string[]", "defined_names:string[]", "defined_long_forms:string[]", "proposed_names:string[]",
)  # fmt: skip
RESULT_COLUMNS = (
    "paper_id", "extractor_version", "metric", "value", "unit", "subject", "dataset", "number:double", "change",
    "start:long", "end:long",
)  # fmt: skip
CLAIM_COLUMNS = (
    "paper_id", "extractor_version", "text", "start:long", "end:long", "factor", "comparator", "direction",
    "outcome", "outcome_class", "polarity", "negated:boolean", "hedged:boolean", "role",
    "condition_kinds:string[]", "condition_values:string[]",
)  # fmt: skip
ENTITY_COLUMNS = (
    ":LABEL", "label", "canonical", "family", "size", "long_form", "extractor_version", "mentions:long",
    "paper_count:long", "aliases:string[]", "name",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Table:
    """One CSV file: what it holds (a node label or a relationship type) and its typed header."""

    name: str
    header: tuple[str, ...]
    label: str | None = None  # nodes: the label every row gets (`--nodes=Paper=papers.csv`)
    type: str | None = None  # relationships: the type (`--relationships=MENTIONS=mentions.csv`)

    @property
    def properties(self) -> list[tuple[str, str]]:
        """(property, type) per column, the id and start/end columns included."""
        named = [column.split(":", 1) if ":" in column else (column, "string") for column in self.header]
        return [(name, kind) for name, kind in named]


def _node(name: str, label: NodeLabel, key: str, columns: Sequence[str] = ()) -> Table:
    return Table(name, (f"{key}:ID({label})", *columns), label=label.value)


def _rel(name: str, rel: RelType, start: NodeLabel, end: NodeLabel, columns: Sequence[str] = ()) -> Table:
    return Table(name, (f":START_ID({start})", f":END_ID({end})", *columns), type=rel.value)


E = NodeLabel.ENTITY
TABLES = {
    "papers": _node("papers", NodeLabel.PAPER, "id", PAPER_COLUMNS),
    "sources": _node("sources", NodeLabel.SOURCE, "name"),
    "organizations": _node("organizations", NodeLabel.ORGANIZATION, "name"),
    "results": _node("results", NodeLabel.RESULT, "id", RESULT_COLUMNS),
    "claims": _node("claims", NodeLabel.CLAIM, "id", CLAIM_COLUMNS),
    "entities": Table("entities", (f"key:ID({E})", *ENTITY_COLUMNS)),
    "listed_in": _rel(
        "listed_in", RelType.LISTED_IN, NodeLabel.PAPER, NodeLabel.SOURCE, ("line:long", "position:long")
    ),
    "from_organization": _rel("from_organization", RelType.FROM_ORGANIZATION, NodeLabel.PAPER, NodeLabel.ORGANIZATION),
    "mentions": _rel(
        "mentions", RelType.MENTIONS, NodeLabel.PAPER, E, ("count:long", "offsets:long[]", "surfaces:string[]")
    ),
    "reports": _rel("reports", RelType.REPORTS, NodeLabel.PAPER, NodeLabel.RESULT),
    "makes_claim": _rel("makes_claim", RelType.MAKES_CLAIM, NodeLabel.PAPER, NodeLabel.CLAIM),
    "measures": _rel("measures", RelType.MEASURES, NodeLabel.RESULT, E),
    "result_for": _rel("result_for", RelType.RESULT_FOR, NodeLabel.RESULT, E),
    "on_dataset": _rel("on_dataset", RelType.ON_DATASET, NodeLabel.RESULT, E),
    "claim_about": _rel("claim_about", RelType.CLAIM_ABOUT, NodeLabel.CLAIM, E),
}
RESULT_LINK_TABLES = {RelType.MEASURES: "measures", RelType.RESULT_FOR: "result_for", RelType.ON_DATASET: "on_dataset"}


@dataclass(frozen=True, slots=True)
class ImportFiles:
    """What the importer loads: node and relationship files, which of them hold line breaks, and the counts."""

    folder: Path
    nodes: list[tuple[str, Path]]  # (label or "" when the file has a :LABEL column, file)
    relationships: list[tuple[str, Path]]
    multiline: list[Path]
    counts: dict[str, int]
    deferred: Path

    @property
    def node_count(self) -> int:
        return sum(self.counts[path.stem] for _, path in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(self.counts[path.stem] for _, path in self.relationships)


@dataclass(slots=True)
class _EntityTotals:
    row: Row
    mentions: int = 0
    papers: int = 0
    surfaces: Counter[str] = field(default_factory=Counter)


class BulkCsvWriter:
    """Streams papers and their extractions into the importer's CSV files under `folder`.

    `add` takes one chunk at a time (memory holds the entity totals and the ids seen, not the papers);
    `finish` writes the entities, sources and organisations and returns the files.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, TextIO] = {}
        self._counts: Counter[str] = Counter()
        self._multiline: set[str] = set()
        self._entities: dict[str, _EntityTotals] = {}
        self._sources: set[str] = set()
        self._organizations: set[str] = set()
        self._listings: set[tuple[str, str, int]] = set()
        self._deferred = (folder / DEFERRED_FILE).open("w", encoding="utf-8")
        for name, table in TABLES.items():
            handle = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            handle.write(",".join(table.header) + "\n")
            self._files[name] = handle

    def __enter__(self) -> BulkCsvWriter:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        for handle in (*self._files.values(), self._deferred):
            handle.close()

    # -- one chunk ------------------------------------------------------------------------------
    def add(self, papers: Sequence[Paper], extractions: Sequence[Extraction]) -> None:
        rows = extraction_rows(extractions)
        extracted = {row["id"]: row for row in rows.papers}
        for row in paper_rows(papers):
            found = extracted.get(row["id"], {})
            props = {**row["props"], **{k: v for k, v in found.items() if k != "id"}}
            if "version" in props:
                props["extractor_version"] = props.pop("version")
            self._write_node("papers", NodeLabel.PAPER, "id", row["id"], props)
        self._add_provenance(papers)
        self._add_extraction(rows)

    def _add_provenance(self, papers: Sequence[Paper]) -> None:
        for row in listing_rows(papers):
            listing = (row["paper_id"], row["source"], row["line"])
            if listing not in self._listings:
                self._listings.add(listing)
                self._sources.add(row["source"])
                self._write("listed_in", [row["paper_id"], row["source"], row["line"], row["position"]])
        for row in organization_rows(papers):
            if row["organization"] not in self._organizations:
                self._organizations.add(row["organization"])
            self._write("from_organization", [row["paper_id"], row["organization"]])

    def _add_extraction(self, rows: ExtractionRows) -> None:
        for label_rows in rows.entities.values():
            for key, row in label_rows.items():
                self._add_entity(key, row)
        for row in rows.mentions:
            totals = self._entities[row["key"]]
            totals.mentions += row["count"]
            totals.papers += 1
            totals.surfaces.update(row["surfaces"])
            self._write("mentions", [row["paper_id"], row["key"], row["count"], row["offsets"], row["surfaces"]])
        for row in rows.results:
            self._write_node("results", NodeLabel.RESULT, "id", row["id"], row["props"])
            self._write("reports", [row["paper_id"], row["id"]])
        for rel, links in rows.result_links.items():
            for link in _distinct(links):
                self._write(RESULT_LINK_TABLES[rel], [link["id"], link["key"]])
        for row in rows.claims:
            self._write_node("claims", NodeLabel.CLAIM, "id", row["id"], row["props"])
            self._write("makes_claim", [row["paper_id"], row["id"]])
        for link in _distinct(rows.claim_links):
            self._write("claim_about", [link["id"], link["key"]])

    def _add_entity(self, key: str, row: Row) -> None:
        totals = self._entities.get(key)
        if totals is None:
            self._entities[key] = _EntityTotals(dict(row))
            return
        for name in ("family", "size", "long_form"):
            given = [value for value in (totals.row.get(name), row.get(name)) if value]
            totals.row[name] = min(given) if given else None
        totals.row["version"] = row["version"]

    # -- the end --------------------------------------------------------------------------------
    def finish(self) -> ImportFiles:
        """Write the aggregated nodes (entities, sources, organisations), close the files, say what to load."""
        for name in sorted(self._sources):
            self._write("sources", [name])
        for name in sorted(self._organizations):
            self._write("organizations", [name])
        for key, totals in self._entities.items():
            self._write("entities", _entity_cells(key, totals))
        self.close()
        nodes, relationships = [], []
        for name, table in TABLES.items():
            path = self.folder / f"{name}.csv"
            if table.type is not None:
                relationships.append((table.type, path))
            else:
                nodes.append((table.label or "", path))
        multiline = [self.folder / f"{name}.csv" for name in sorted(self._multiline)]
        counts = {name: self._counts[name] for name in TABLES}
        return ImportFiles(self.folder, nodes, relationships, multiline, counts, self.folder / DEFERRED_FILE)

    # -- cells ----------------------------------------------------------------------------------
    def _write_node(self, table: str, label: NodeLabel, key: str, node_id: str, props: Row) -> None:
        columns = TABLES[table].properties[1:]
        unknown = set(props) - {name for name, _ in columns} - {key}
        if unknown:
            raise ValueError(f"{table}: no CSV column for {sorted(unknown)}")
        cells: list[Any] = [node_id]
        deferred: Row = {}
        for name, kind in columns:
            value = props.get(name)
            if kind.endswith("[]") and value is not None and _inexpressible(value):
                deferred[name] = value
                value = None
            cells.append(value)
        if deferred:
            record = {"label": label.value, "key": node_id, "props": deferred}
            self._deferred.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._write(table, cells)

    def _write(self, table: str, cells: Sequence[Any]) -> None:
        line = ",".join(_cell(value) for value in cells)
        if "\n" in line or "\r" in line:
            self._multiline.add(table)
        self._files[table].write(line + "\n")
        self._counts[table] += 1


def _entity_cells(key: str, totals: _EntityTotals) -> list[Any]:
    row = totals.row
    aliases = [surface for surface, _ in sorted(totals.surfaces.items(), key=lambda item: (-item[1], item[0]))]
    kind = Label(row["label"]).node_label
    return [
        key, [NodeLabel.ENTITY.value, kind.value], row["label"], row["canonical"], row.get("family"),
        row.get("size"), row.get("long_form"), row["version"], totals.mentions, totals.papers, aliases,
        aliases[0] if aliases else row["canonical"],
    ]  # fmt: skip


def _distinct(links: list[Row]) -> Iterator[Row]:
    """Each (id, key) link once, as MERGE makes it."""
    seen: set[tuple[str, str]] = set()
    for link in links:
        pair = (link["id"], link["key"])
        if pair not in seen:
            seen.add(pair)
            yield link


def _inexpressible(values: list[Any]) -> bool:
    """True for the lists an importer array field cannot hold: empty, or one empty string."""
    return len(values) == 0 or (len(values) == 1 and values[0] == "")


def _cell(value: Any) -> str:
    """One CSV field: absent as nothing, strings quoted (quotes doubled), lists joined by the array delimiter."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        items = [_number(v) if isinstance(v, float) else str(v) for v in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ValueError(f"a list value holds the array delimiter U+001F: {items!r:.200}")
        return _quoted(ARRAY_DELIMITER.join(items))
    return _quoted(str(value))


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def read_deferred(path: Path) -> Iterator[Row]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def set_deferred_lists(driver: Driver, database: str, path: Path) -> int:
    """Set the lists CSV could not hold (see the module docstring), in batches per label; return how many nodes."""
    batches: dict[str, list[Row]] = {}
    done = 0
    with driver.session(database=database) as session:
        for record in read_deferred(path):
            batch = batches.setdefault(record["label"], [])
            batch.append({"key": record["key"], "props": record["props"]})
            if len(batch) >= DEFERRED_BATCH:
                done += _set_lists(session, record["label"], batch)
                batch.clear()
        for label, batch in batches.items():
            done += _set_lists(session, label, batch)
    return done


def _set_lists(session: Any, label: str, rows: list[Row]) -> int:
    if rows:
        session.execute_write(lambda tx: tx.run(SET_LISTS[NodeLabel(label)], rows=rows).consume())
    return len(rows)
