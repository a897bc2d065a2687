// Most central papers by PageRank (set by the current analysis run)
:param limit => 20;
MATCH (run:AnalysisRun {current: true})
MATCH (p:Paper)
WITH p, CASE run.id WHEN p.scores_run THEN p.pagerank WHEN p.previous_scores_run THEN p.previous_pagerank END AS pagerank,
     CASE run.id WHEN p.scores_run THEN p.citation_count WHEN p.previous_scores_run THEN p.previous_citation_count END AS cited_by
WHERE pagerank IS NOT NULL
RETURN p.title AS paper, round(pagerank, 5) AS pagerank, cited_by
ORDER BY pagerank DESC
LIMIT $limit;
