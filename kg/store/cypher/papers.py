"""Writing papers and their provenance: `Paper`, `Source` + `LISTED_IN`, `Organization` + `FROM_ORGANIZATION`.

Rows are built by `kg.store.papers`. Every write MERGEs on a constrained key, so a retried or
repeated batch converges to the same graph.
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType

# rows: {id, props}. `props` holds only the fields the record has, so a record without metadata
# never erases what another listing of the same paper supplied. Returns, per row, whether the paper
# was new, changed or unchanged, and which extractor version last processed it. A paper whose title or
# abstract changed loses its `extractor_version` at once, so its extraction is redone even if this run
# dies before re-extracting it.
UPSERT_PAPERS = f"""
UNWIND $rows AS row
OPTIONAL MATCH (old:{NodeLabel.PAPER} {{id: row.id}})
WITH row, old,
     CASE
       WHEN old IS NULL THEN 'new'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k]) THEN 'unchanged'
       ELSE 'updated'
     END AS status,
     old IS NOT NULL AND (old.title <> row.props.title OR old.abstract <> row.props.abstract) AS text_changed,
     old.extractor_version AS extracted_with
MERGE (p:{NodeLabel.PAPER} {{id: row.id}})
SET p += row.props
SET p.extractor_version = CASE WHEN text_changed THEN null ELSE p.extractor_version END
RETURN row.id AS id, status, CASE WHEN text_changed THEN null ELSE extracted_with END AS extracted_with
"""

# rows: {paper_id, source, line, position}. One LISTED_IN per (paper, source, line): provenance of duplicates.
MERGE_LISTINGS = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.paper_id}})
MERGE (s:{NodeLabel.SOURCE} {{name: row.source}})
MERGE (p)-[r:{RelType.LISTED_IN} {{line: row.line}}]->(s)
SET r.position = row.position
"""

# rows: {paper_id, organization}
MERGE_ORGANIZATIONS = f"""
UNWIND $rows AS row
MATCH (p:{NodeLabel.PAPER} {{id: row.paper_id}})
MERGE (o:{NodeLabel.ORGANIZATION} {{name: row.organization}})
MERGE (p)-[:{RelType.FROM_ORGANIZATION}]->(o)
"""

COUNT_PAPERS = f"MATCH (p:{NodeLabel.PAPER}) RETURN count(p) AS count"

# Benchmark baseline only (benchmarks/bench_ingest.py): the cheapest possible write of the same rows,
# no key lookup, no provenance, into a label nothing else reads; then removed again.
BASELINE_CREATE_PAPERS = """
UNWIND $rows AS row
CREATE (p:IngestBaseline)
SET p = row.props, p.id = row.id
"""

DELETE_BASELINE_PAPERS = """
MATCH (p:IngestBaseline)
CALL (p) { DELETE p } IN TRANSACTIONS OF 10000 ROWS
"""

COUNT_NODES = "MATCH (n) RETURN count(n) AS count"

# Benchmarks only (`kg.store.papers.wipe_graph`, behind the benchmarks' --wipe): empty the whole graph, in batches,
# relationships first (a DETACH DELETE of hub nodes, e.g. entities of a replicated corpus, can exceed
# the server's transaction memory).
WIPE_RELATIONSHIPS = """
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
"""

WIPE_NODES = """
MATCH (n)
CALL (n) { DELETE n } IN TRANSACTIONS OF $batch ROWS
"""
