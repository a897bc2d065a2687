// Topics of the current analysis, largest first
MATCH (run:AnalysisRun {current: true})
MATCH (t:Topic {run: run.id})
RETURN t.label AS topic, t.size AS papers, t.top_terms AS top_terms
ORDER BY papers DESC;
