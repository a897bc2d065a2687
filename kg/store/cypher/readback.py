"""Reading back what the extraction writer wrote: a keyset page of papers with their listings, mentions,
results and claims (`kg.store.readback`)."""

from __future__ import annotations

from kg.model import NodeLabel, RelType

# params: after (paper id, '' for the start), limit. One row per paper, in id order.
READ_BACK_PAPERS = f"""
MATCH (p:{NodeLabel.PAPER}) WHERE p.id > $after
WITH p ORDER BY p.id LIMIT $limit
RETURN p.id AS id, properties(p) AS props,
  COLLECT {{
    MATCH (p)-[l:{RelType.LISTED_IN}]->(s:{NodeLabel.SOURCE}) RETURN [s.name, l.line, l.position]
  }} AS listings,
  COLLECT {{
    MATCH (p)-[m:{RelType.MENTIONS}]->(e:{NodeLabel.ENTITY})
    RETURN {{key: e.key, label: e.label, family: e.family, size: e.size, long_form: e.long_form,
            offsets: m.offsets, surfaces: m.surfaces}}
  }} AS mentions,
  COLLECT {{ MATCH (p)-[:{RelType.REPORTS}]->(r:{NodeLabel.RESULT}) RETURN properties(r) }} AS results,
  COLLECT {{
    MATCH (p)-[:{RelType.MAKES_CLAIM}]->(c:{NodeLabel.CLAIM})
    RETURN {{props: properties(c),
            about: COLLECT {{ MATCH (c)-[:{RelType.CLAIM_ABOUT}]->(e:{NodeLabel.ENTITY}) RETURN e.key }}}}
  }} AS claims
"""
