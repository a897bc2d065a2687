// Reported results on a dataset: metric, value, what was measured, and the paper
:param dataset => 'ImageNet';
MATCH (d:Dataset)
WHERE toLower(d.name) = toLower($dataset) OR toLower(d.canonical) = toLower($dataset)
MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:ON_DATASET]->(d)
OPTIONAL MATCH (r)-[:MEASURES]->(m:Metric)
RETURN d.name AS dataset, coalesce(m.name, r.metric) AS metric, r.value AS value, r.subject AS subject, p.title AS paper
ORDER BY metric, value DESC
LIMIT 100;
