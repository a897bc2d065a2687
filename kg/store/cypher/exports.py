"""Cypher of `kg export`: one run's data, that run given as `$run_id` (read once with `CURRENT_RUN`).

Every statement of an export reads the same run, even if `kg analyze` makes a newer one current meanwhile.
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType
from kg.store.cypher.scores import score

PAPER = NodeLabel.PAPER.value
ENTITY = NodeLabel.ENTITY.value
CLAIM = NodeLabel.CLAIM.value
TOPIC = NodeLabel.TOPIC.value
MENTIONS = RelType.MENTIONS.value
MAKES_CLAIM = RelType.MAKES_CLAIM.value
IN_TOPIC = RelType.IN_TOPIC.value
CITES = RelType.CITES.value
CONTRADICTS = RelType.CONTRADICTS.value
SUPPORTS = RelType.SUPPORTS.value


EXPORT_PAPERS = f"""
MATCH (p:{PAPER})
WHERE p.id > $after
OPTIONAL MATCH (p)-[it:{IN_TOPIC} {{run: $run_id}}]->(t:{TOPIC})
RETURN p.id AS paper_id, p.title AS title, p.date AS date, p.year AS year, p.month AS month,
       {score("p", "pagerank", "$run_id")} AS pagerank,
       {score("p", "citation_count", "$run_id")} AS citation_count, t.id AS topic_id, t.label AS topic_label,
       it.weight AS topic_weight
ORDER BY p.id
LIMIT $limit
"""

EXPORT_TOPICS = f"""
MATCH (t:{TOPIC} {{run: $run_id}})
RETURN t {{.*}} AS topic
ORDER BY t.number
"""

EXPORT_CITATIONS = f"""
MATCH (a:{PAPER})-[r:{CITES}]->(b:{PAPER})
WHERE r.run IS NULL OR r.run = $run_id
RETURN a.id AS citing_id, a.title AS citing_title, b.id AS cited_id, b.title AS cited_title,
       r.evidence AS evidence, r.inferred AS inferred, r.confidence AS confidence
ORDER BY citing_id, cited_id
"""

# Claim links of `$run_id` at or above `$min_confidence`, each side with its frame (the aligned parts of the reason).
EXPORT_CLAIM_LINKS = f"""
MATCH (pa:{PAPER})-[:{MAKES_CLAIM}]->(a:{CLAIM})-[r:{CONTRADICTS}|{SUPPORTS} {{run: $run_id}}]->(b:{CLAIM})
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
RETURN e.key AS key, e.label AS label, coalesce(e.name, e.canonical) AS name,
       {score("e", "pagerank", "$run_id")} AS pagerank
ORDER BY key
"""

EXPORT_MENTIONS = f"""
MATCH (p:{PAPER})-[m:{MENTIONS}]->(e:{ENTITY})
RETURN p.id AS paper_id, e.key AS entity_key, coalesce(m.count, 1) AS count
ORDER BY paper_id, entity_key
"""

# The trends the run `$run_id` wrote on entities, aligned with its `trend_periods`.
EXPORT_TRENDS = f"""
MATCH (e:{ENTITY})
WITH e, {score("e", "trend_papers", "$run_id")} AS papers
WHERE papers IS NOT NULL
RETURN e.key AS entity_key, papers, {score("e", "trend_mentions", "$run_id")} AS mentions,
       {score("e", "trend_slope", "$run_id")} AS slope
ORDER BY entity_key
"""
