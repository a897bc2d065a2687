"""Writing `kg.model.Extraction`s: rows built from the domain objects, then one transaction per chunk.

Entity keys are `kg.model.entity_key`s (`MODEL:llava`); which entities a result or a claim links to is
decided by `kg.model.PaperEntities` (domain logic), the store only writes the links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver

from kg.model import Claim, EntityMention, Extraction, Label, PaperEntities, RelType, Result, entity_key
from kg.store.batch import Statement
from kg.store.cypher.extraction import (
    DELETE_CLAIM_LINKS,
    DELETE_RESULT_LINKS,
    DELETE_STALE_CLAIMS,
    DELETE_STALE_MENTIONS,
    DELETE_STALE_RESULTS,
    LINK_CLAIMS,
    LINK_RESULTS,
    MERGE_CLAIMS,
    MERGE_ENTITIES,
    MERGE_MENTIONS,
    MERGE_RESULTS,
    REFRESH_ENTITY_TOTALS,
    SET_PAPER_EXTRACTOR_VERSION,
)
from kg.store.db import run_write
from kg.store.version import bump_graph_version_in

Row = dict[str, Any]
REFRESH_CHUNK = 500


@dataclass(slots=True)
class ExtractionRows:
    """Everything one chunk of extractions writes, as `$rows` for the statements of `cypher.extraction`."""

    papers: list[Row] = field(default_factory=list)  # {id, version}
    entities: dict[Label, dict[str, Row]] = field(default_factory=lambda: {label: {} for label in Label})
    mentions: list[Row] = field(default_factory=list)
    stale_mentions: list[Row] = field(default_factory=list)  # {id, keys}
    results: list[Row] = field(default_factory=list)
    stale_results: list[Row] = field(default_factory=list)
    result_links: dict[RelType, list[Row]] = field(default_factory=lambda: {rel: [] for rel in LINK_RESULTS})
    claims: list[Row] = field(default_factory=list)
    stale_claims: list[Row] = field(default_factory=list)
    claim_links: list[Row] = field(default_factory=list)

    @property
    def entity_keys(self) -> set[str]:
        return {key for rows in self.entities.values() for key in rows}

    def statements(self) -> list[Statement]:
        ids = [{"id": row["id"]} for row in self.papers]
        return [
            (DELETE_STALE_MENTIONS, self.stale_mentions),
            (DELETE_STALE_RESULTS, self.stale_results),
            (DELETE_STALE_CLAIMS, self.stale_claims),
            (DELETE_RESULT_LINKS, ids),
            (DELETE_CLAIM_LINKS, ids),
            *((MERGE_ENTITIES[label], list(rows.values())) for label, rows in self.entities.items()),
            (MERGE_MENTIONS, self.mentions),
            (MERGE_RESULTS, self.results),
            (MERGE_CLAIMS, self.claims),
            *((LINK_RESULTS[rel], rows) for rel, rows in self.result_links.items()),
            (LINK_CLAIMS, self.claim_links),
            (SET_PAPER_EXTRACTOR_VERSION, self.papers),
        ]


def extraction_rows(extractions: Iterable[Extraction]) -> ExtractionRows:
    rows = ExtractionRows()
    for extraction in extractions:
        add_extraction(rows, extraction)
    return rows


def add_extraction(rows: ExtractionRows, extraction: Extraction) -> None:
    pid, version = extraction.paper_id, extraction.extractor_version
    rows.papers.append({"id": pid, "version": version, **name_properties(extraction)})
    keys = _add_entities(rows, extraction)
    rows.stale_mentions.append({"id": pid, "keys": sorted(keys)})
    names = PaperEntities(extraction.entities)
    result_ids = [
        _add_result(rows, pid, index, result, version, names) for index, result in enumerate(extraction.results)
    ]
    rows.stale_results.append({"id": pid, "keys": result_ids})
    claim_ids = [_add_claim(rows, pid, index, claim, version, names) for index, claim in enumerate(extraction.claims)]
    rows.stale_claims.append({"id": pid, "keys": claim_ids})


def name_properties(extraction: Extraction) -> Row:
    """The paper's name lists (see `SET_PAPER_EXTRACTOR_VERSION`)."""
    definitions = extraction.definitions
    return {
        "names": sorted(set(extraction.names)),
        "defined_names": [d.name for d in definitions],
        "defined_long_forms": [d.long_form or "" for d in definitions],
        "proposed_names": [d.name for d in definitions if d.proposed],
    }


def _add_entities(rows: ExtractionRows, extraction: Extraction) -> set[str]:
    grouped: dict[str, list[EntityMention]] = {}
    for mention in sorted(extraction.entities, key=lambda m: (m.start, m.end)):
        grouped.setdefault(entity_key(mention.label, mention.canonical), []).append(mention)
    for key, mentions in grouped.items():
        first = mentions[0]
        entity = rows.entities[first.label].setdefault(
            key, {"key": key, "label": first.label.value, "canonical": first.canonical, "version": ""}
        )
        entity["version"] = extraction.extractor_version
        for name in ("family", "size", "long_form"):  # the smallest given, as the MERGE keeps (order-free)
            given = [value for value in (entity.get(name), *(getattr(m, name) for m in mentions)) if value]
            entity[name] = min(given) if given else None
        rows.mentions.append(
            {
                "paper_id": extraction.paper_id,
                "key": key,
                "count": len(mentions),
                "offsets": [offset for m in mentions for offset in (m.start, m.end)],
                "surfaces": [m.text for m in mentions],
            }
        )
    return set(grouped)


def _add_result(rows: ExtractionRows, pid: str, index: int, result: Result, version: str, names: PaperEntities) -> str:
    rid = f"{pid}:{index}"
    props = {name: getattr(result, name) for name in Result.__dataclass_fields__}
    rows.results.append({"paper_id": pid, "id": rid, "props": _props(rid, pid, version, props)})
    for rel, key in names.result_links(result).items():
        rows.result_links[rel].append({"id": rid, "key": key})
    return rid


def _add_claim(rows: ExtractionRows, pid: str, index: int, claim: Claim, version: str, names: PaperEntities) -> str:
    cid = f"{pid}:{index}"
    props = {name: getattr(claim, name) for name in Claim.__dataclass_fields__ if name != "entities"}
    rows.claims.append({"paper_id": pid, "id": cid, "props": _props(cid, pid, version, props)})
    rows.claim_links.extend({"id": cid, "key": key} for key in names.claim_keys(claim))
    return cid


def _props(node_id: str, pid: str, version: str, props: dict[str, Any]) -> Row:
    """Node properties without nulls; enum values as their plain strings."""
    clean = {name: str(value) if hasattr(value, "value") else value for name, value in props.items()}
    return {
        **{k: v for k, v in clean.items() if v is not None},
        "id": node_id,
        "paper_id": pid,
        "extractor_version": version,
    }


def write_extractions(driver: Driver, database: str, extractions: Sequence[Extraction]) -> int:
    """Write one chunk of extractions, and refresh the totals of every entity it touched, in one transaction.

    All or nothing: a run killed at any point leaves every entity's totals consistent with its
    relationships. Returns the number of entities refreshed.
    """
    if not extractions:
        return 0
    rows = extraction_rows(extractions)

    def work(tx: neo4j.ManagedTransaction) -> int:
        results = [
            [record.data() for record in tx.run(query, rows=list(params))] for query, params in rows.statements()
        ]
        touched = sorted(rows.entity_keys | {row["key"] for row in results[0]})
        tx.run(REFRESH_ENTITY_TOTALS, rows=touched).consume()
        bump_graph_version_in(tx)
        return len(touched)

    with driver.session(database=database) as session:
        return session.execute_write(work)


def refresh_entity_totals(driver: Driver, database: str, keys: Iterable[str]) -> int:
    """Recompute `mentions`, `paper_count`, `name`, `aliases` of the entities `keys` (a repair; ingest does it)."""
    ordered = sorted(keys)
    for start in range(0, len(ordered), REFRESH_CHUNK):
        run_write(driver, REFRESH_ENTITY_TOTALS, database, rows=ordered[start : start + REFRESH_CHUNK])
    return len(ordered)
