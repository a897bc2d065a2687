"""The graph version: one node whose counter every ingest and analysis commit bumps.

Readers that cache answers (the API) key them by this counter, so a commit anywhere (another
process, another machine) makes every cached answer stale at the next read of the version.
"""

from __future__ import annotations

from kg.model import NodeLabel

VERSION = NodeLabel.GRAPH_VERSION.value

BUMP_GRAPH_VERSION = f"""
MERGE (v:{VERSION} {{id: 'graph'}})
SET v.version = coalesce(v.version, 0) + 1, v.changed_at = datetime()
RETURN v.version AS version
"""

GRAPH_VERSION = f"""
OPTIONAL MATCH (v:{VERSION} {{id: 'graph'}})
RETURN coalesce(v.version, 0) AS version
"""
