"""Cypher of `kg analyze` and `kg export`: loading the graph, the run-tagged write-back, the flip, clean-up.

The run protocol (docs/GRAPH.md): everything a run computes is written tagged with its `run` id while
the previous run stays current; one transaction then sets the per-node scores and makes the new run
current (FLIP_*); only after that are older runs' topics and links deleted (DELETE_*_NOT_OF_RUN).
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType

PAPER = NodeLabel.PAPER.value
ENTITY = NodeLabel.ENTITY.value
CLAIM = NodeLabel.CLAIM.value
TOPIC = NodeLabel.TOPIC.value
RUN = NodeLabel.ANALYSIS_RUN.value
MENTIONS = RelType.MENTIONS.value
MAKES_CLAIM = RelType.MAKES_CLAIM.value
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
  day: p.day, doi: p.doi, arxiv_id: p.arxiv_id, references: coalesce(p.references, [])
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

LOAD_CLAIMS = f"""
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[:{MAKES_CLAIM}]->(c:{CLAIM})
WITH id, c
ORDER BY c.id
RETURN collect({{
  id: c.id, paper_id: id, factor: c.factor, comparator: c.comparator, direction: c.direction,
  outcome: c.outcome, outcome_class: c.outcome_class, polarity: c.polarity, negated: coalesce(c.negated, false),
  hedged: coalesce(c.hedged, false), role: c.role, condition_kinds: coalesce(c.condition_kinds, []),
  condition_values: coalesce(c.condition_values, [])
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

# ---- the flip: one transaction, these statements in order

FLIP_PAPER_SCORES = f"""
UNWIND $rows AS row
MATCH (p:{PAPER} {{id: row.id}})
SET p.pagerank = row.pagerank, p.citation_count = row.citation_count, p.topic_id = row.topic_id
"""

FLIP_ENTITY_SCORES = f"""
UNWIND $rows AS row
MATCH (e:{ENTITY} {{key: row.key}})
SET e.pagerank = row.pagerank
"""

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

# ---- export: the current run's data

EXPORT_PAPERS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (p:{PAPER})
WHERE p.id > $after
OPTIONAL MATCH (p)-[it:{IN_TOPIC} {{run: run.id}}]->(t:{TOPIC})
RETURN p.id AS paper_id, p.title AS title, p.date AS date, p.year AS year, p.month AS month,
       p.pagerank AS pagerank, p.citation_count AS citation_count, t.id AS topic_id, t.label AS topic_label,
       it.weight AS topic_weight
ORDER BY p.id
LIMIT $limit
"""

EXPORT_TOPICS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (t:{TOPIC} {{run: run.id}})
RETURN t {{.*}} AS topic
ORDER BY t.number
"""

EXPORT_CITATIONS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (a:{PAPER})-[r:{CITES}]->(b:{PAPER})
WHERE r.run IS NULL OR r.run = run.id
RETURN a.id AS citing_id, a.title AS citing_title, b.id AS cited_id, b.title AS cited_title,
       r.evidence AS evidence, r.inferred AS inferred, r.confidence AS confidence
ORDER BY citing_id, cited_id
"""

# Claim links at or above $min_confidence, each side with its frame (the aligned parts of the reason).
EXPORT_CLAIM_LINKS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (pa:{PAPER})-[:{MAKES_CLAIM}]->(a:{CLAIM})-[r:{CONTRADICTS}|{SUPPORTS} {{run: run.id}}]->(b:{CLAIM})
      <-[:{MAKES_CLAIM}]-(pb:{PAPER})
WHERE coalesce(r.confidence, 0.0) >= $min_confidence
RETURN type(r) AS relation, pa.id AS a_paper_id, pa.title AS a_title, a.id AS a_claim_id, a.text AS a_claim,
       pb.id AS b_paper_id, pb.title AS b_title, b.id AS b_claim_id, b.text AS b_claim, r.confidence AS confidence,
       r.strength AS strength, r.factor AS factor, r.comparator AS comparator, r.outcome AS outcome,
       r.reason AS reason, coalesce(r.differs, []) AS differs,
       a {{.factor, .comparator, .direction, .outcome, .outcome_class, .polarity, .hedged, .negated,
           .condition_kinds, .condition_values}} AS a_frame,
       b {{.factor, .comparator, .direction, .outcome, .outcome_class, .polarity, .hedged, .negated,
           .condition_kinds, .condition_values}} AS b_frame
ORDER BY relation, confidence DESC, a_claim_id, b_claim_id
"""

EXPORT_ENTITIES = f"""
MATCH (e:{ENTITY})
RETURN e.key AS key, e.label AS label, coalesce(e.name, e.canonical) AS name, e.pagerank AS pagerank
ORDER BY key
"""

EXPORT_MENTIONS = f"""
MATCH (p:{PAPER})-[m:{MENTIONS}]->(e:{ENTITY})
RETURN p.id AS paper_id, e.key AS entity_key, coalesce(m.count, 1) AS count
ORDER BY paper_id, entity_key
"""
