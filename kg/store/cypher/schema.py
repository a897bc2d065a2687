"""Schema: uniqueness constraints on every node key, lookup indexes, and the two full-text indexes.

Every statement is `IF NOT EXISTS`, so applying the schema is idempotent. Labels and relationship
types come from the enums in `kg.model`; names are stable so that readers can refer to them
(`paper_text` and `entity_names` are used by the API's search).
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType

PAPER_TEXT_INDEX = "paper_text"
ENTITY_NAMES_INDEX = "entity_names"

# (label, key property) for every node label that is written with MERGE.
NODE_KEYS: tuple[tuple[NodeLabel, str], ...] = (
    (NodeLabel.PAPER, "id"),
    (NodeLabel.SOURCE, "name"),
    (NodeLabel.ORGANIZATION, "name"),
    (NodeLabel.ENTITY, "key"),
    (NodeLabel.RESULT, "id"),
    (NodeLabel.CLAIM, "id"),
    (NodeLabel.TOPIC, "id"),
    (NodeLabel.ANALYSIS_RUN, "id"),
    (NodeLabel.GRAPH_VERSION, "id"),
)

NODE_INDEXES: tuple[tuple[NodeLabel, str], ...] = (
    (NodeLabel.PAPER, "year"),
    (NodeLabel.PAPER, "organization"),
    (NodeLabel.ENTITY, "label"),
    (NodeLabel.ENTITY, "canonical"),
    (NodeLabel.RESULT, "metric"),
    (NodeLabel.RESULT, "paper_id"),
    (NodeLabel.CLAIM, "factor"),
    (NodeLabel.CLAIM, "paper_id"),
    (NodeLabel.TOPIC, "run"),
    (NodeLabel.ANALYSIS_RUN, "current"),
)

# Relationships written by an analysis run carry `run`; readers filter on it.
RUN_RELATIONSHIPS: tuple[RelType, ...] = (RelType.IN_TOPIC, RelType.CITES, RelType.CONTRADICTS, RelType.SUPPORTS)

CONSTRAINTS: tuple[str, ...] = tuple(
    f"CREATE CONSTRAINT {label.lower()}_{key}_unique IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
    for label, key in NODE_KEYS
)

INDEXES: tuple[str, ...] = (
    *(
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in NODE_INDEXES
    ),
    *(f"CREATE INDEX {rel.lower()}_run IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.run)" for rel in RUN_RELATIONSHIPS),
)

FULLTEXT_INDEXES: tuple[str, ...] = (
    f"CREATE FULLTEXT INDEX {PAPER_TEXT_INDEX} IF NOT EXISTS FOR (n:{NodeLabel.PAPER}) ON EACH [n.title, n.abstract]",
    f"CREATE FULLTEXT INDEX {ENTITY_NAMES_INDEX} IF NOT EXISTS "
    f"FOR (n:{NodeLabel.ENTITY}) ON EACH [n.name, n.canonical, n.long_form]",
)

SCHEMA_STATEMENTS: tuple[str, ...] = (*CONSTRAINTS, *INDEXES, *FULLTEXT_INDEXES)

AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
