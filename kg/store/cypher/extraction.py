"""Writing `kg.model.Extraction`s: entities, MENTIONS, results and claims, and their clean-up.

Rows are built by `kg.store.extraction`. Entity nodes carry `:Entity` plus the label of their kind;
one MERGE statement per kind, generated from `kg.model.Label` (labels never come from input).
A re-extracted paper first loses what the new extraction no longer contains (stale MENTIONS,
results and claims beyond the new count, links of results and claims), then everything is MERGEd
again, so re-running converges.
"""

from __future__ import annotations

from kg.model import Label, NodeLabel, RelType

_ENTITY_MERGE = """
UNWIND $rows AS row
MERGE (e:{entity} {{key: row.key}})
SET e:{kind},
    e.label = row.label,
    e.canonical = row.canonical,
    e.family = CASE WHEN e.family IS NULL OR row.family < e.family
                    THEN coalesce(row.family, e.family) ELSE e.family END,
    e.size = CASE WHEN e.size IS NULL OR row.size < e.size THEN coalesce(row.size, e.size) ELSE e.size END,
    e.long_form = CASE WHEN e.long_form IS NULL OR row.long_form < e.long_form
                       THEN coalesce(row.long_form, e.long_form) ELSE e.long_form END,
    e.extractor_version = row.version
"""

# rows: {key, label, canonical, family, size, long_form, version}; one statement per entity kind.
# Of the family, size and long form that papers give an entity, the smallest (in string order) is kept,
# so the result does not depend on the order chunks are written in (parallel writers converge).
MERGE_ENTITIES: dict[Label, str] = {
    label: _ENTITY_MERGE.format(entity=NodeLabel.ENTITY, kind=label.node_label) for label in Label
}

# rows: {paper_id, key, count, offsets, surfaces}. SET, not increment: a re-ingest converges.
MERGE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.paper_id}})
MATCH (e:{NodeLabel.ENTITY} {{key: row.key}})
MERGE (p)-[m:{RelType.MENTIONS}]->(e)
SET m.count = row.count, m.offsets = row.offsets, m.surfaces = row.surfaces
"""

# rows: {id, keys}: drop the paper's MENTIONS of entities it no longer mentions; return their keys.
DELETE_STALE_MENTIONS = f"""
UNWIND $rows AS row
MATCH (:{NodeLabel.PAPER} {{id: row.id}})-[m:{RelType.MENTIONS}]->(e:{NodeLabel.ENTITY})
WHERE NOT e.key IN row.keys
DELETE m
RETURN DISTINCT e.key AS key
"""

# rows: {id, keys}: results of the paper that the new extraction does not have.
DELETE_STALE_RESULTS = f"""
UNWIND $rows AS row
MATCH (:{NodeLabel.PAPER} {{id: row.id}})-[:{RelType.REPORTS}]->(r:{NodeLabel.RESULT})
WHERE NOT r.id IN row.keys
DETACH DELETE r
"""

# rows: {id, keys}: claims of the paper that the new extraction does not have.
DELETE_STALE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (:{NodeLabel.PAPER} {{id: row.id}})-[:{RelType.MAKES_CLAIM}]->(c:{NodeLabel.CLAIM})
WHERE NOT c.id IN row.keys
DETACH DELETE c
"""

# rows: {id}: the entity links of the paper's results and claims, re-created right after.
DELETE_RESULT_LINKS = f"""
UNWIND $rows AS row
MATCH (:{NodeLabel.PAPER} {{id: row.id}})-[:{RelType.REPORTS}]->(:{NodeLabel.RESULT})
      -[l:{RelType.MEASURES}|{RelType.RESULT_FOR}|{RelType.ON_DATASET}]->()
DELETE l
"""

DELETE_CLAIM_LINKS = f"""
UNWIND $rows AS row
MATCH (:{NodeLabel.PAPER} {{id: row.id}})-[:{RelType.MAKES_CLAIM}]->(:{NodeLabel.CLAIM})-[l:{RelType.CLAIM_ABOUT}]->()
DELETE l
"""

# rows: {paper_id, id, props}. `props` replaces every property: the extractor owns these nodes.
MERGE_RESULTS = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.paper_id}})
MERGE (r:{NodeLabel.RESULT} {{id: row.id}})
SET r = row.props
MERGE (p)-[:{RelType.REPORTS}]->(r)
"""

MERGE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.paper_id}})
MERGE (c:{NodeLabel.CLAIM} {{id: row.id}})
SET c = row.props
MERGE (p)-[:{RelType.MAKES_CLAIM}]->(c)
"""

_LINK = """
UNWIND $rows AS row
MATCH (a:{source} {{id: row.id}})
MATCH (e:{entity} {{key: row.key}})
WHERE e:{target}
MERGE (a)-[:{rel}]->(e)
"""


def _link(source: NodeLabel, target: NodeLabel, rel: RelType) -> str:
    return _LINK.format(source=source, entity=NodeLabel.ENTITY, target=target, rel=rel)


# rows: {id, key}: from a Result or Claim (by id) to an Entity (by key). The entity is found by its key on
# `Entity`, the label its uniqueness constraint is on (a lookup on `Metric` or `Dataset` would scan every
# node of that label per row), then checked for the target's label.
LINK_RESULTS: dict[RelType, str] = {
    RelType.MEASURES: _link(NodeLabel.RESULT, NodeLabel.METRIC, RelType.MEASURES),
    RelType.RESULT_FOR: _link(NodeLabel.RESULT, NodeLabel.ENTITY, RelType.RESULT_FOR),
    RelType.ON_DATASET: _link(NodeLabel.RESULT, NodeLabel.DATASET, RelType.ON_DATASET),
}
LINK_CLAIMS = _link(NodeLabel.CLAIM, NodeLabel.ENTITY, RelType.CLAIM_ABOUT)

# rows: {id, version}
# rows: {id, version, names, defined_names, defined_long_forms, proposed_names}: the extractor's version and
# what the paper names: the names it uses, those it defines (with their long forms, '' for none, in the
# same order) and those it proposes as its own. Citations are inferred from these lists.
SET_PAPER_EXTRACTOR_VERSION = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.id}})
SET p.extractor_version = row.version,
    p.names = row.names,
    p.defined_names = row.defined_names,
    p.defined_long_forms = row.defined_long_forms,
    p.proposed_names = row.proposed_names
"""

# rows: entity keys whose MENTIONS changed; run in the same transaction as the extraction write.
# Totals, name (most frequent surface form) and aliases (every surface form, most frequent first) are
# recomputed from the relationships; an entity no paper mentions any more is deleted.
REFRESH_ENTITY_TOTALS = f"""
UNWIND $rows AS key
MATCH (e:{NodeLabel.ENTITY} {{key: key}})
CALL (e) {{
  OPTIONAL MATCH (:{NodeLabel.PAPER})-[m:{RelType.MENTIONS}]->(e)
  RETURN coalesce(sum(m.count), 0) AS mentions, count(m) AS papers
}}
CALL (e) {{
  OPTIONAL MATCH (:{NodeLabel.PAPER})-[m:{RelType.MENTIONS}]->(e)
  UNWIND coalesce(m.surfaces, []) AS surface
  WITH surface, count(*) AS uses
  ORDER BY uses DESC, surface
  RETURN collect(surface) AS surfaces
}}
SET e.mentions = mentions, e.paper_count = papers, e.aliases = surfaces, e.name = coalesce(surfaces[0], e.canonical)
WITH e, papers
WHERE papers = 0
DETACH DELETE e
"""
