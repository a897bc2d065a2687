// Most cited papers (explicit references and the current run's inferred citations)
:param limit => 20;
OPTIONAL MATCH (run:AnalysisRun {current: true})
WITH run.id AS run_id
MATCH (p:Paper)<-[c:CITES]-(:Paper)
WHERE c.run IS NULL OR c.run = run_id
RETURN p.title AS paper, p.date AS date, count(c) AS cited_by
ORDER BY cited_by DESC, paper
LIMIT $limit;
