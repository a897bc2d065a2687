"""Cypher of `kg analyze`: loading the graph, the run-tagged write-back, the flip, clean-up.

The run protocol (docs/GRAPH.md): everything a run computes is written tagged with its `run` id while
the previous run stays current (the per-node scores and trends too, `kg.store.cypher.scores`); one small
transaction then makes the new run current (FLIP_*); only after that are older runs' topics and links
deleted (DELETE_*_NOT_OF_RUN).
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType

PAPER = NodeLabel.PAPER.value
ENTITY = NodeLabel.ENTITY.value
CLAIM = NodeLabel.CLAIM.value
TOPIC = NodeLabel.TOPIC.value
DATASET = NodeLabel.DATASET.value
RUN = NodeLabel.ANALYSIS_RUN.value
MENTIONS = RelType.MENTIONS.value
MAKES_CLAIM = RelType.MAKES_CLAIM.value
CLAIM_ABOUT = RelType.CLAIM_ABOUT.value
IN_TOPIC = RelType.IN_TOPIC.value
CITES = RelType.CITES.value
CONTRADICTS = RelType.CONTRADICTS.value
SUPPORTS = RelType.SUPPORTS.value

# ---- loading, keyset-paged by paper id ($after, $limit) so memory per page stays bounded. Each query
# returns one record, `rows`: the page's rows as maps, in order. One Bolt message per page instead of one
# per row: the driver's cost per record, not the data, dominated the load of a large graph.

LOAD_PAPERS = f"""
MATCH (p:{PAPER})
WHERE p.id > $after
WITH p
ORDER BY p.id
LIMIT $limit
RETURN collect({{
  id: p.id, title: p.title, abstract: coalesce(p.abstract, ''), date: p.date, year: p.year, month: p.month,
  day: p.day, doi: p.doi, arxiv_id: p.arxiv_id, references: coalesce(p.references, []),
  names: coalesce(p.names, []), defined_names: coalesce(p.defined_names, []),
  defined_long_forms: coalesce(p.defined_long_forms, []), proposed_names: coalesce(p.proposed_names, [])
}}) AS rows
"""

LOAD_MENTIONS = f"""
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[m:{MENTIONS}]->(e:{ENTITY})
RETURN collect({{
  paper_id: id, entity_key: e.key, label: e.label, name: coalesce(e.name, e.canonical, e.key),
  count: coalesce(m.count, 1), long_form: e.long_form
}}) AS rows
"""

# The topic number of every paper in the current run: the seed of the next run's topics.
LOAD_CURRENT_TOPICS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (p:{PAPER})-[it:{IN_TOPIC}]->(t:{TOPIC})
WHERE it.run = run.id AND t.run = run.id
RETURN p.id AS paper_id, t.number AS number
"""

LOAD_CLAIMS = f"""
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[:{MAKES_CLAIM}]->(c:{CLAIM})
WITH id, c, COLLECT {{
  MATCH (c)-[:{CLAIM_ABOUT}]->(d:{DATASET})
  RETURN DISTINCT toLower(coalesce(d.name, d.canonical)) AS name ORDER BY name
}} AS datasets
ORDER BY c.id
RETURN collect({{
  id: c.id, paper_id: id, factor: c.factor, comparator: c.comparator, direction: c.direction,
  outcome: c.outcome, outcome_class: c.outcome_class, polarity: c.polarity, negated: coalesce(c.negated, false),
  hedged: coalesce(c.hedged, false), role: c.role, condition_kinds: coalesce(c.condition_kinds, []),
  condition_values: coalesce(c.condition_values, []), datasets: datasets
}}) AS rows
"""

# ---- the run node

START_RUN = f"""
MERGE (r:{RUN} {{id: $id}})
SET r.started_at = datetime(), r.status = 'running', r.current = false, r.params = $params,
    r.input_fingerprint = $fingerprint
"""

FAIL_RUN = f"""
MATCH (r:{RUN} {{id: $id}})
WHERE r.status = 'running'
SET r.status = 'failed', r.finished_at = datetime(), r.error = $error
"""

# Runs left 'running' by a killed process (never current) are marked failed by the next run.
MARK_ABANDONED_RUNS = f"""
MATCH (r:{RUN} {{status: 'running'}})
WHERE r.id <> $id AND coalesce(r.current, false) = false
SET r.status = 'failed', r.error = 'abandoned: the process stopped before the run completed'
RETURN count(r) AS abandoned
"""

CURRENT_RUN = f"""
MATCH (r:{RUN} {{current: true}})
RETURN r {{.*, started_at: toString(r.started_at), finished_at: toString(r.finished_at)}} AS run
ORDER BY r.finished_at DESC
LIMIT 1
"""

# ---- run-tagged write-back (rows carry `run`)

MERGE_TOPICS = f"""
UNWIND $rows AS row
MERGE (t:{TOPIC} {{id: row.id}})
SET t.run = row.run, t.number = row.number, t.label = row.label, t.size = row.size,
    t.top_terms = row.top_terms, t.top_entities = row.top_entities, t.leaders = row.leaders,
    t.map_x = row.map_x, t.map_y = row.map_y
"""

MERGE_IN_TOPIC = f"""
UNWIND $rows AS row
MATCH (p:{PAPER} {{id: row.paper_id}})
MATCH (t:{TOPIC} {{id: row.topic_id}})
MERGE (p)-[r:{IN_TOPIC} {{run: row.run}}]->(t)
SET r.weight = row.weight
"""

MERGE_INFERRED_CITES = f"""
UNWIND $rows AS row
MATCH (a:{PAPER} {{id: row.citing}})
MATCH (b:{PAPER} {{id: row.cited}})
MERGE (a)-[r:{CITES} {{run: row.run}}]->(b)
SET r.inferred = true, r.evidence = row.evidence, r.confidence = row.confidence
"""

# Explicit references are facts of the input, not of a run: no `run`, merged so re-runs converge.
MERGE_EXPLICIT_CITES = f"""
UNWIND $rows AS row
MATCH (a:{PAPER} {{id: row.citing}})
MATCH (b:{PAPER} {{id: row.cited}})
MERGE (a)-[r:{CITES} {{inferred: false}}]->(b)
SET r.evidence = row.evidence, r.confidence = row.confidence
"""

MERGE_CONTRADICTS = f"""
UNWIND $rows AS row
MATCH (a:{CLAIM} {{id: row.source}})
MATCH (b:{CLAIM} {{id: row.target}})
MERGE (a)-[r:{CONTRADICTS} {{run: row.run}}]->(b)
SET r.confidence = row.confidence, r.strength = row.strength, r.factor = row.factor,
    r.comparator = row.comparator, r.outcome = row.outcome, r.reason = row.reason, r.differs = row.differs
"""

MERGE_SUPPORTS = f"""
UNWIND $rows AS row
MATCH (a:{CLAIM} {{id: row.source}})
MATCH (b:{CLAIM} {{id: row.target}})
MERGE (a)-[r:{SUPPORTS} {{run: row.run}}]->(b)
SET r.confidence = row.confidence, r.factor = row.factor, r.comparator = row.comparator, r.outcome = row.outcome,
    r.reason = row.reason, r.differs = row.differs
"""

# ---- the flip: one small transaction, these statements in order

FLIP_RETIRE_CURRENT = f"""
MATCH (r:{RUN} {{current: true}})
WHERE r.id <> $id
SET r.current = false
"""

FLIP_MAKE_CURRENT = f"""
MATCH (r:{RUN} {{id: $id, status: 'running'}})
SET r.current = true, r.status = 'complete', r.finished_at = datetime(), r.summary = $summary
RETURN r.id AS id
"""

# ---- clean-up after the flip (auto-commit, in batches); $id is the run to keep

DELETE_TOPICS_NOT_OF_RUN = f"""
MATCH (t:{TOPIC})
WHERE t.run <> $id
CALL (t) {{ DETACH DELETE t }} IN TRANSACTIONS OF 5000 ROWS
"""

DELETE_LINKS_NOT_OF_RUN = f"""
MATCH ()-[r:{IN_TOPIC}|{CITES}|{CONTRADICTS}|{SUPPORTS}]->()
WHERE r.run IS NOT NULL AND r.run <> $id
CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 5000 ROWS
"""
