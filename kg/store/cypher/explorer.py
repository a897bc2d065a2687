"""Read-side Cypher the explorer page needs beyond the API's core reads (see `kg/store/cypher/reads.py`).

Named and parameterised like every statement of the store; analysis data only through the current run.
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType
from kg.store.cypher.scores import ENTITY_SCORES, scores

_PAPER = NodeLabel.PAPER.value
_ENTITY = NodeLabel.ENTITY.value
_CLAIM = NodeLabel.CLAIM.value
_RUN = NodeLabel.ANALYSIS_RUN.value
_MENTIONS = RelType.MENTIONS.value
_MAKES_CLAIM = RelType.MAKES_CLAIM.value
_CONTRADICTS = RelType.CONTRADICTS.value
_SUPPORTS = RelType.SUPPORTS.value

# For each paper of `$ids`: the entities it mentions whose name, canonical form or an alias contains
# one of `$terms` (lower-cased words of the search), most mentioned first.
MATCHED_ENTITIES_OF_PAPERS = f"""
OPTIONAL MATCH (run:{_RUN} {{current: true}})
UNWIND $ids AS id
MATCH (p:{_PAPER} {{id: id}})
OPTIONAL MATCH (p)-[m:{_MENTIONS}]->(e:{_ENTITY})
WHERE any(term IN $terms WHERE toLower(e.name) CONTAINS term OR toLower(e.canonical) CONTAINS term
          OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) CONTAINS term))
WITH run, id, e, coalesce(m.count, 1) AS times
ORDER BY times DESC, e.key
RETURN id, [x IN collect(CASE WHEN e IS NOT NULL THEN e {{.*, {scores("e", ENTITY_SCORES, shown=("pagerank",))}}} END)
            WHERE x IS NOT NULL] AS entities
"""

# How many papers mention an entity, and how often, per year and month of the papers' dates.
ENTITY_MENTIONS_OVER_TIME = f"""
MATCH (p:{_PAPER})-[m:{_MENTIONS}]->(:{_ENTITY} {{key: $key}})
WHERE p.year IS NOT NULL
RETURN p.year AS year, p.month AS month, count(p) AS papers, sum(coalesce(m.count, 1)) AS mentions
ORDER BY year, coalesce(month, 0)
"""

_CLAIM_LINKS_OF_PAPER = """
MATCH (run:{run} {{current: true}})
MATCH (:{paper} {{id: $id}})-[:{makes}]->(a:{claim})-[r:{rel}]-(b:{claim})
WHERE r.run = run.id AND coalesce(r.confidence, 0.0) >= $min_confidence
WITH a, b, r, CASE WHEN startNode(r) = a THEN a.id + '|' + b.id ELSE b.id + '|' + a.id END AS pair
RETURN r {{.*, id: pair, claim: a {{.*}}, other: b {{.*}}}} AS link
ORDER BY coalesce(r.confidence, 0.0) DESC, pair
LIMIT $limit
"""

# A paper's claim links of the current run at or above $min_confidence, either direction, the paper's own
# claim first: the link's properties with the pair id and both claims, most confident first.
CONTRADICTIONS_OF_PAPER = _CLAIM_LINKS_OF_PAPER.format(
    run=_RUN, paper=_PAPER, makes=_MAKES_CLAIM, claim=_CLAIM, rel=_CONTRADICTS
)
SUPPORTS_OF_PAPER = _CLAIM_LINKS_OF_PAPER.format(
    run=_RUN, paper=_PAPER, makes=_MAKES_CLAIM, claim=_CLAIM, rel=_SUPPORTS
)
