"""Read-only Cypher for reports.

Analysis data is read from one run only (docs/GRAPH.md): the report first reads the current run
(`kg.store.analytics.current_run`) and passes its id as `$run_id` to every other query, so all sections
show the same run even if `kg analyze` makes a newer one current while the report is being collected.
"""

from __future__ import annotations

from kg.store.cypher.scores import score

PAPER_OVERVIEW = """
MATCH (p:Paper)
RETURN count(p) AS papers,
       min(CASE WHEN p.year IS NOT NULL THEN p.date END) AS date_min,
       max(CASE WHEN p.year IS NOT NULL THEN p.date END) AS date_max
"""

ENTITIES_BY_LABEL = """
MATCH (e:Entity)
RETURN e.label AS label, count(e) AS entities
ORDER BY label
"""

FACT_COUNTS = """
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (r:Result) RETURN count(r) AS results }
RETURN claims, results
"""

CURRENT_LINK_COUNTS = """
WITH $run_id AS run_id
CALL (run_id) {
  MATCH (:Paper)-[c:CITES]->(:Paper)
  WHERE c.run IS NULL OR c.run = run_id
  RETURN count(c) AS citations
}
CALL (run_id) {
  MATCH (:Claim)-[x:CONTRADICTS]->(:Claim)
  WHERE x.run = run_id
  RETURN count(x) AS contradictions
}
RETURN citations, contradictions
"""

CURRENT_TOPICS = """
MATCH (t:Topic {run: $run_id})
OPTIONAL MATCH (p:Paper)-[:IN_TOPIC {run: $run_id}]->(t)
WITH t, collect(p.id) AS paper_ids
RETURN t.id AS id, t.label AS label, coalesce(t.size, size(paper_ids)) AS size,
       t.top_terms AS top_terms, t.map_x AS x, t.map_y AS y, paper_ids
ORDER BY size DESC, id
"""

CURRENT_TOPIC_LINKS = """
MATCH (a:Topic {run: $run_id})<-[:IN_TOPIC {run: $run_id}]-(:Paper)-[:MENTIONS]->(e:Entity)
MATCH (e)<-[:MENTIONS]-(:Paper)-[:IN_TOPIC {run: $run_id}]->(b:Topic {run: $run_id})
WHERE a.id < b.id
RETURN a.id AS source, b.id AS target, count(DISTINCT e) AS weight
ORDER BY weight DESC
"""

# The trends the run wrote on entities (`kg.analytics.trends`), of entities with at least $min_papers dated papers.
ENTITY_TRENDS = f"""
MATCH (e:Entity)
WITH e, {score("e", "trend_papers", "$run_id")} AS papers
WHERE reduce(total = 0, count IN papers | total + count) >= $min_papers
RETURN e.key AS key, coalesce(e.name, e.canonical) AS name, e.label AS label, papers,
       {score("e", "trend_slope", "$run_id")} AS slope
"""

# Citation counts and PageRank as the run `$run_id` computed and wrote them.
MOST_CITED_PAPERS = f"""
MATCH (:AnalysisRun {{id: $run_id}})
MATCH (p:Paper)
WITH p, {score("p", "citation_count", "$run_id")} AS citation_count
WHERE citation_count > 0
RETURN p.id AS id, p.title AS title, p.date AS date, citation_count,
       coalesce({score("p", "pagerank", "$run_id")}, 0.0) AS pagerank
ORDER BY citation_count DESC, pagerank DESC, id
LIMIT $limit
"""

MOST_CENTRAL_PAPERS = f"""
MATCH (:AnalysisRun {{id: $run_id}})
MATCH (p:Paper)
WITH p, {score("p", "pagerank", "$run_id")} AS pagerank
WHERE pagerank IS NOT NULL
RETURN p.id AS id, p.title AS title, p.date AS date,
       coalesce({score("p", "citation_count", "$run_id")}, 0) AS citation_count, pagerank
ORDER BY pagerank DESC, id
LIMIT $limit
"""

TOP_ENTITIES_PER_LABEL = """
MATCH (e:Entity)
WITH e ORDER BY coalesce(e.paper_count, 0) DESC, coalesce(e.mentions, 0) DESC, e.key
WITH e.label AS label, collect(e)[..$limit] AS top
UNWIND top AS e
RETURN e.key AS key, coalesce(e.name, e.canonical) AS name, label,
       coalesce(e.paper_count, 0) AS paper_count, coalesce(e.mentions, 0) AS mentions
"""

CURRENT_CONTRADICTIONS = """
MATCH (a:Claim)-[x:CONTRADICTS {run: $run_id}]->(b:Claim)
WHERE coalesce(x.confidence, 0.0) >= $min_confidence
MATCH (pa:Paper)-[:MAKES_CLAIM]->(a)
MATCH (pb:Paper)-[:MAKES_CLAIM]->(b)
RETURN coalesce(x.confidence, 0.0) AS score, coalesce(x.factor, a.factor) AS factor, x.reason AS reason,
       a.id AS left_claim, a.text AS left_text, pa.id AS left_paper, pa.title AS left_title, pa.date AS left_date,
       b.id AS right_claim, b.text AS right_text, pb.id AS right_paper, pb.title AS right_title,
       pb.date AS right_date
ORDER BY score DESC, left_claim, right_claim
LIMIT $limit
"""

PAPER_TITLES = """
MATCH (p:Paper)
RETURN p.id AS id, p.title AS title
"""

ALL = {
    name: value
    for name, value in dict(globals()).items()
    if name.isupper() and isinstance(value, str) and name != "ALL"
}
