// Papers of a topic (part of its label, any case)
:param topic => 'language';
MATCH (run:AnalysisRun {current: true})
MATCH (t:Topic {run: run.id})
WHERE toLower(t.label) CONTAINS toLower($topic)
MATCH (p:Paper)-[r:IN_TOPIC {run: run.id}]->(t)
RETURN t, r, p
LIMIT 150;
