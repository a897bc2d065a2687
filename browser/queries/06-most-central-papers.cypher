// Most central papers by PageRank (set by the current analysis run)
:param limit => 20;
MATCH (p:Paper)
WHERE p.pagerank IS NOT NULL
RETURN p.title AS paper, round(p.pagerank, 5) AS pagerank, p.citation_count AS cited_by
ORDER BY pagerank DESC
LIMIT $limit;
