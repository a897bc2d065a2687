"""The graph's facts: every node and relationship but the bookkeeping version stamp."""

from __future__ import annotations

from kg.model import NodeLabel

_VERSION = NodeLabel.GRAPH_VERSION.value

FACT_NODES = f"MATCH (n) WHERE NOT n:{_VERSION} RETURN labels(n) AS labels, properties(n) AS props"

FACT_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, a.key, a.name) AS start, coalesce(b.id, b.key, b.name) AS end,
       properties(r) AS props
"""

FACT_LABELS = f"""
MATCH (n) WHERE NOT n:{_VERSION}
UNWIND labels(n) AS label
RETURN collect(DISTINCT label) AS labels
"""
