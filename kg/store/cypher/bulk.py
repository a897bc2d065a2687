"""After a load in bulk: the list properties the importer's CSV cannot hold (`kg.store.bulk`)."""

from __future__ import annotations

from kg.model import NodeLabel

# (label, key property) of the nodes whose lists may be deferred: papers (name lists) and claims (conditions).
_KEYS = {NodeLabel.PAPER: "id", NodeLabel.CLAIM: "id", NodeLabel.RESULT: "id", NodeLabel.ENTITY: "key"}

# rows: {key, props}: props holds only list properties (empty, or one empty string).
SET_LISTS: dict[NodeLabel, str] = {
    label: f"""
UNWIND $rows AS row
MATCH (n:{label} {{{key}: row.key}})
SET n += row.props
"""
    for label, key in _KEYS.items()
}
