"""Read-side Cypher for the API and the reports: named, parameterised, nothing from user input.

Labels and relationship types come from the enums of `kg/model.py`. Analysis data (topics, inferred
citations, contradictions) is read only through the current run (`MATCH (run:AnalysisRun {current:
true})`), as docs/GRAPH.md requires. Pages use keyset cursors: every page query takes the sort key
and id of the last row seen (`$after_key`, `$after_id`, both null on the first page), orders by
that key then id, and returns `$limit` rows (the caller asks for one more than it shows, to know
whether there is a next page).

Batched lookups for the DataLoaders take `$ids` (or `$keys`) and return one row per input, with
the input under `id` (or `key`), so the loader can put the answers back in order.
"""

from __future__ import annotations

from kg.model import NodeLabel, RelType
from kg.store.cypher.schema import PAPER_TEXT_INDEX  # the full-text index over Paper title and abstract
from kg.store.cypher.scores import ENTITY_SCORES, PAPER_SCORES, score, scores

PAPER = NodeLabel.PAPER.value
ENTITY = NodeLabel.ENTITY.value
CLAIM = NodeLabel.CLAIM.value
RESULT = NodeLabel.RESULT.value
TOPIC = NodeLabel.TOPIC.value
RUN = NodeLabel.ANALYSIS_RUN.value
MENTIONS = RelType.MENTIONS.value
IN_TOPIC = RelType.IN_TOPIC.value
CITES = RelType.CITES.value
MAKES_CLAIM = RelType.MAKES_CLAIM.value
REPORTS = RelType.REPORTS.value
CLAIM_ABOUT = RelType.CLAIM_ABOUT.value
CONTRADICTS = RelType.CONTRADICTS.value
ORGANIZATION = RelType.FROM_ORGANIZATION.value


# The current analysis run, or no rows' worth of filtering when none exists yet.
_CURRENT_RUN = f"OPTIONAL MATCH (run:{RUN} {{current: true}})"

# Which papers a `papers(filter: …)` page holds. Every filter is optional (null = no filter).
_PAPER_FILTER = f"""
WHERE ($text IS NULL OR toLower(p.title) CONTAINS $text OR toLower(p.abstract) CONTAINS $text)
  AND ($year_from IS NULL OR p.year >= $year_from)
  AND ($year_to IS NULL OR p.year <= $year_to)
  AND ($entity IS NULL OR EXISTS {{ (p)-[:{MENTIONS}]->(:{ENTITY} {{key: $entity}}) }})
  AND ($label IS NULL OR EXISTS {{ MATCH (p)-[:{MENTIONS}]->(le:{ENTITY}) WHERE le.label = $label }})
  AND ($topic IS NULL OR EXISTS {{ MATCH (p)-[it:{IN_TOPIC}]->(:{TOPIC} {{id: $topic}}) WHERE it.run = run.id }})
"""

# A paper or an entity with the current run's scores (`run` in scope; null before any run).
_PAPER_FIELDS = f"p {{.*, references: null, {scores('p', PAPER_SCORES)}}} AS paper"


def _entity_fields(var: str, *extra: str) -> str:
    return f"{var} {{{', '.join(['.*', *extra, scores(var, ENTITY_SCORES, shown=('pagerank',))])}}}"


# The rows of a page before their projection: `p` (and `run`) in order, `$limit` of them.
_PAGE_PAPER_ROWS = f"""
{_CURRENT_RUN}
MATCH (p:{PAPER})
{_PAPER_FILTER}
  AND ($after_id IS NULL OR p.id > $after_id)
WITH run, p ORDER BY p.id LIMIT $limit
"""

# The same page, anchored on the topic or the entity when the filter names one (an index lookup
# instead of a scan of every paper); the other filters still apply.
_PAGE_PAPER_ROWS_OF_TOPIC = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (:{TOPIC} {{id: $topic}})<-[it:{IN_TOPIC}]-(p:{PAPER})
WHERE it.run = run.id
WITH run, p
{_PAPER_FILTER}
  AND ($after_id IS NULL OR p.id > $after_id)
WITH run, p ORDER BY p.id LIMIT $limit
"""

_PAGE_PAPER_ROWS_OF_ENTITY = f"""
{_CURRENT_RUN}
MATCH (:{ENTITY} {{key: $entity}})<-[:{MENTIONS}]-(p:{PAPER})
WITH run, p
{_PAPER_FILTER}
  AND ($after_id IS NULL OR p.id > $after_id)
WITH run, p ORDER BY p.id LIMIT $limit
"""

PAGE_PAPERS = f"{_PAGE_PAPER_ROWS}RETURN {_PAPER_FIELDS}\n"
PAGE_PAPERS_OF_TOPIC = f"{_PAGE_PAPER_ROWS_OF_TOPIC}RETURN {_PAPER_FIELDS}\n"
PAGE_PAPERS_OF_ENTITY = f"{_PAGE_PAPER_ROWS_OF_ENTITY}RETURN {_PAPER_FIELDS}\n"

COUNT_PAPERS_OF_TOPIC = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (:{TOPIC} {{id: $topic}})<-[it:{IN_TOPIC}]-(p:{PAPER})
WHERE it.run = run.id
WITH run, p
{_PAPER_FILTER}
RETURN count(p) AS total
"""

COUNT_PAPERS_OF_ENTITY = f"""
{_CURRENT_RUN}
MATCH (:{ENTITY} {{key: $entity}})<-[:{MENTIONS}]-(p:{PAPER})
WITH run, p
{_PAPER_FILTER}
RETURN count(p) AS total
"""

COUNT_PAPERS = f"""
{_CURRENT_RUN}
MATCH (p:{PAPER})
{_PAPER_FILTER}
RETURN count(p) AS total
"""

PAPERS_BY_ID = f"""
{_CURRENT_RUN}
UNWIND $ids AS id
MATCH (p:{PAPER} {{id: id}})
RETURN id, {_PAPER_FIELDS}
"""

SEARCH_PAPERS = f"""
CALL db.index.fulltext.queryNodes('{PAPER_TEXT_INDEX}', $query) YIELD node, score
WHERE node:{PAPER}
WITH node AS p, score
ORDER BY score DESC, p.id
LIMIT $limit
{_CURRENT_RUN}
RETURN {_PAPER_FIELDS}, score
"""

# Per-paper lists, for the DataLoaders.
ENTITIES_OF_PAPERS = f"""
{_CURRENT_RUN}
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[m:{MENTIONS}]->(e:{ENTITY})
WITH run, id, e, m ORDER BY m.count DESC, e.key
RETURN id, collect({_entity_fields("e", "count: m.count")}) AS entities
"""

TOPICS_OF_PAPERS = f"""
MATCH (run:{RUN} {{current: true}})
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[it:{IN_TOPIC}]->(t:{TOPIC})
WHERE it.run = run.id
WITH id, t, it ORDER BY it.weight DESC, t.id
RETURN id, collect(t {{.*, weight: it.weight}}) AS topics
"""

CLAIMS_OF_PAPERS = f"""
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[:{MAKES_CLAIM}]->(c:{CLAIM})
WITH id, c ORDER BY c.start
RETURN id, collect(c {{.*}}) AS claims
"""

RESULTS_OF_PAPERS = f"""
UNWIND $ids AS id
MATCH (:{PAPER} {{id: id}})-[:{REPORTS}]->(r:{RESULT})
WITH id, r ORDER BY r.start
RETURN id, collect(r {{.*}}) AS results
"""

ENTITIES_OF_CLAIMS = f"""
{_CURRENT_RUN}
UNWIND $ids AS id
MATCH (:{CLAIM} {{id: id}})-[:{CLAIM_ABOUT}]->(e:{ENTITY})
WITH run, id, e ORDER BY e.key
RETURN id, collect({_entity_fields("e")}) AS entities
"""

ENTITIES_BY_KEY = f"""
{_CURRENT_RUN}
UNWIND $keys AS key
MATCH (e:{ENTITY} {{key: key}})
RETURN key, {_entity_fields("e")} AS entity
"""

# Entities, by mentions or PageRank (descending) or by name (ascending); ties broken by key.
PAGE_ENTITIES_BY_MENTIONS = f"""
{_CURRENT_RUN}
MATCH (e:{ENTITY})
WHERE ($label IS NULL OR e.label = $label)
WITH run, e, coalesce(e.mentions, 0) AS k
WHERE $after_id IS NULL OR k < $after_key OR (k = $after_key AND e.key > $after_id)
RETURN {_entity_fields("e")} AS entity, k AS sort_key
ORDER BY k DESC, e.key
LIMIT $limit
"""

PAGE_ENTITIES_BY_PAGERANK = f"""
{_CURRENT_RUN}
MATCH (e:{ENTITY})
WHERE ($label IS NULL OR e.label = $label)
WITH run, e, coalesce({score("e", "pagerank")}, 0.0) AS k
WHERE $after_id IS NULL OR k < $after_key OR (k = $after_key AND e.key > $after_id)
RETURN {_entity_fields("e")} AS entity, k AS sort_key
ORDER BY k DESC, e.key
LIMIT $limit
"""

PAGE_ENTITIES_BY_NAME = f"""
{_CURRENT_RUN}
MATCH (e:{ENTITY})
WHERE ($label IS NULL OR e.label = $label)
WITH run, e, toLower(coalesce(e.name, e.canonical, e.key)) AS k
WHERE $after_id IS NULL OR k > $after_key OR (k = $after_key AND e.key > $after_id)
RETURN {_entity_fields("e")} AS entity, k AS sort_key
ORDER BY k, e.key
LIMIT $limit
"""

COUNT_ENTITIES = f"""
MATCH (e:{ENTITY})
WHERE $label IS NULL OR e.label = $label
RETURN count(e) AS total
"""

# An entity's co-occurring entities, most papers first: the current run's stored top list when it holds the
# `$limit` asked for (or every co-occurring entity), else counted over the entity's papers (no run yet, an
# entity newer than the run, or a limit above the run's `cooccurring_top`).
CO_OCCURRING_ENTITIES = f"""
MATCH (e:{ENTITY} {{key: $key}})
{_CURRENT_RUN}
WITH e, run, {score("e", "cooccurring_keys")} AS keys, {score("e", "cooccurring_papers")} AS counts,
     {score("e", "cooccurring_total")} AS total
WITH e, run, keys, counts, keys IS NOT NULL AND (size(keys) >= $limit OR size(keys) = total) AS stored
CALL (e, keys, counts, stored) {{
  WITH e, keys, counts WHERE stored
  UNWIND range(0, size(keys) - 1) AS i
  WITH keys[i] AS key, counts[i] AS papers
  LIMIT $limit
  MATCH (o:{ENTITY} {{key: key}})
  RETURN o, papers
UNION
  WITH e WHERE NOT stored
  MATCH (e)<-[:{MENTIONS}]-(p:{PAPER})-[:{MENTIONS}]->(o:{ENTITY})
  WHERE o <> e
  WITH o, count(DISTINCT p) AS papers
  ORDER BY papers DESC, o.key
  LIMIT $limit
  RETURN o, papers
}}
WITH run, o, papers
ORDER BY papers DESC, o.key
RETURN {_entity_fields("o")} AS entity, papers
"""

RESULTS_OF_ENTITY = f"""
MATCH (e:{ENTITY} {{key: $key}})
MATCH (r:{RESULT})-[]->(e)
WITH DISTINCT r ORDER BY r.paper_id, r.start
LIMIT $limit
RETURN r {{.*}} AS result
"""

CLAIMS_OF_ENTITY = f"""
MATCH (c:{CLAIM})-[:{CLAIM_ABOUT}]->(:{ENTITY} {{key: $key}})
WITH c ORDER BY c.id
LIMIT $limit
RETURN c {{.*}} AS claim
"""

# Topics of the current run.
TOPICS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (t:{TOPIC} {{run: run.id}})
RETURN t {{.*}} AS topic
ORDER BY t.size DESC, t.id
"""

TOPIC_BY_ID = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (t:{TOPIC} {{id: $id, run: run.id}})
RETURN t {{.*}} AS topic
"""

TOP_ENTITIES_OF_TOPIC = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (:{TOPIC} {{id: $id}})<-[it:{IN_TOPIC}]-(p:{PAPER})-[:{MENTIONS}]->(e:{ENTITY})
WHERE it.run = run.id
WITH run, e, count(DISTINCT p) AS papers
ORDER BY papers DESC, e.key
LIMIT $limit
RETURN {_entity_fields("e")} AS entity, papers
"""

CITATION_LEADERS_OF_TOPIC = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (:{TOPIC} {{id: $id}})<-[it:{IN_TOPIC}]-(p:{PAPER})
WHERE it.run = run.id
WITH run, p, coalesce({score("p", "citation_count")}, 0) AS cited, coalesce({score("p", "pagerank")}, 0.0) AS rank
ORDER BY cited DESC, rank DESC, p.id
LIMIT $limit
RETURN {_PAPER_FIELDS}
"""

# Claims, by id; with $min_confidence, only claims in a contradiction of the current run at or above it.
_CLAIM_FILTER = f"""
WHERE ($factor IS NULL OR c.factor = $factor)
  AND ($paper_id IS NULL OR c.paper_id = $paper_id)
  AND ($min_confidence IS NULL OR EXISTS {{
    MATCH (run:{RUN} {{current: true}})
    MATCH (c)-[r:{CONTRADICTS}]-(:{CLAIM})
    WHERE r.run = run.id AND coalesce(r.confidence, 0.0) >= $min_confidence
  }})
"""

PAGE_CLAIMS = f"""
MATCH (c:{CLAIM})
{_CLAIM_FILTER}
  AND ($after_id IS NULL OR c.id > $after_id)
RETURN c {{.*}} AS claim
ORDER BY c.id
LIMIT $limit
"""

COUNT_CLAIMS = f"""
MATCH (c:{CLAIM})
{_CLAIM_FILTER}
RETURN count(c) AS total
"""

CLAIMS_BY_ID = f"""
UNWIND $ids AS id
MATCH (c:{CLAIM} {{id: id}})
RETURN id, c {{.*}} AS claim
"""

# Contradictions of the current run at or above $min_confidence, most confident first; the pair id is
# "<claim id>|<claim id>".
_CONTRADICTION_ROWS = f"""
MATCH (run:{RUN} {{current: true}})
MATCH (a:{CLAIM})-[r:{CONTRADICTS}]->(b:{CLAIM})
WHERE r.run = run.id AND ($factor IS NULL OR r.factor = $factor) AND coalesce(r.confidence, 0.0) >= $min_confidence
WITH a, b, r, coalesce(r.confidence, 0.0) AS k, a.id + '|' + b.id AS pair
"""

PAGE_CONTRADICTIONS = f"""
{_CONTRADICTION_ROWS}
WHERE $after_id IS NULL OR k < $after_key OR (k = $after_key AND pair > $after_id)
RETURN pair AS id, a {{.*}} AS claim, b {{.*}} AS other, r.confidence AS confidence, r.strength AS strength,
       r.factor AS factor, r.comparator AS comparator, r.outcome AS outcome, r.reason AS reason,
       coalesce(r.differs, []) AS differs, k AS sort_key
ORDER BY k DESC, pair
LIMIT $limit
"""

COUNT_CONTRADICTIONS = f"""
{_CONTRADICTION_ROWS}
RETURN count(*) AS total
"""

# Citations: explicit ones (no run) and the current run's inferred ones.
CITES_OF_PAPER = f"""
{_CURRENT_RUN}
MATCH (:{PAPER} {{id: $id}})-[c:{CITES}]->(p:{PAPER})
WHERE c.run IS NULL OR c.run = run.id
RETURN {_PAPER_FIELDS}, coalesce(c.inferred, false) AS inferred, c.evidence AS evidence, c.confidence AS confidence
ORDER BY coalesce(c.confidence, 1.0) DESC, p.id
"""

CITED_BY_OF_PAPER = f"""
{_CURRENT_RUN}
MATCH (:{PAPER} {{id: $id}})<-[c:{CITES}]-(p:{PAPER})
WHERE c.run IS NULL OR c.run = run.id
RETURN {_PAPER_FIELDS}, coalesce(c.inferred, false) AS inferred, c.evidence AS evidence, c.confidence AS confidence
ORDER BY coalesce(c.confidence, 1.0) DESC, p.id
"""

# Shortest path between two papers or entities (by paper id or entity key) over mentions and
# citations. Cypher wants the hop bound as a literal, so there is one statement per bound.
MAX_PATH_HOPS = 6
_PATH_TEMPLATE = """
MATCH (a) WHERE (a:{paper} AND a.id = $from_id) OR (a:{entity} AND a.key = $from_id)
MATCH (b) WHERE (b:{paper} AND b.id = $to_id) OR (b:{entity} AND b.key = $to_id)
WITH a, b WHERE a <> b
MATCH path = shortestPath((a)-[:{mentions}|{cites}*..{hops}]-(b))
RETURN [n IN nodes(path) | {{
          id: coalesce(n.id, n.key), kind: CASE WHEN n:{paper} THEN 'PAPER' ELSE 'ENTITY' END,
          name: coalesce(n.title, n.name, n.canonical)}}] AS nodes,
       [r IN relationships(path) | {{type: type(r), start: coalesce(startNode(r).id, startNode(r).key),
          end: coalesce(endNode(r).id, endNode(r).key)}}] AS links
LIMIT 1
"""
SHORTEST_PATH = {
    hops: _PATH_TEMPLATE.format(paper=PAPER, entity=ENTITY, mentions=MENTIONS, cites=CITES, hops=hops)
    for hops in range(1, MAX_PATH_HOPS + 1)
}

PATH_ENDPOINTS = f"""
UNWIND $ids AS id
OPTIONAL MATCH (p:{PAPER} {{id: id}})
OPTIONAL MATCH (e:{ENTITY} {{key: id}})
WITH id, coalesce(p, e) AS n
WHERE n IS NOT NULL
RETURN id, CASE WHEN n:{PAPER} THEN 'PAPER' ELSE 'ENTITY' END AS kind, coalesce(n.title, n.name, n.canonical) AS name
"""

STATS = f"""
CALL () {{ MATCH (p:{PAPER}) RETURN count(p) AS papers }}
CALL () {{ MATCH (e:{ENTITY}) RETURN count(e) AS entities }}
CALL () {{ MATCH (c:{CLAIM}) RETURN count(c) AS claims }}
CALL () {{ MATCH (r:{RESULT}) RETURN count(r) AS results }}
CALL () {{ MATCH ()-[m:{MENTIONS}]->() RETURN count(m) AS mentions }}
CALL () {{
  MATCH (e:{ENTITY})
  WITH e.label AS label, count(*) AS n ORDER BY label
  RETURN collect({{label: label, count: n}}) AS entities_by_label
}}
CALL () {{
  {_CURRENT_RUN}
  OPTIONAL MATCH (t:{TOPIC}) WHERE t.run = run.id
  RETURN run.id AS current_run, count(t) AS topics
}}
CALL () {{
  {_CURRENT_RUN}
  OPTIONAL MATCH ()-[c:{CITES}]->() WHERE c.run IS NULL OR c.run = run.id
  RETURN count(c) AS citations
}}
CALL () {{
  {_CURRENT_RUN}
  OPTIONAL MATCH ()-[x:{CONTRADICTS}]->() WHERE x.run = run.id
  RETURN count(x) AS contradictions
}}
RETURN papers, entities, claims, results, mentions, entities_by_label, current_run, topics, citations, contradictions
"""

ANALYSIS_RUNS = f"""
MATCH (r:{RUN})
RETURN r {{.*}} AS run
ORDER BY r.started_at DESC, r.id DESC
LIMIT $limit
"""

PING = "RETURN 1 AS ok"
