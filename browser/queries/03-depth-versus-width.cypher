// Contradicting claims about depth versus width, strongest first
:param factors => ['depth', 'width'];
MATCH (run:AnalysisRun {current: true})
MATCH (pa:Paper)-[:MAKES_CLAIM]->(a:Claim)-[x:CONTRADICTS {run: run.id}]->(b:Claim)<-[:MAKES_CLAIM]-(pb:Paper)
WHERE any(f IN $factors WHERE toLower(coalesce(x.factor, '')) CONTAINS f
          OR toLower(coalesce(a.factor, '')) CONTAINS f OR toLower(coalesce(b.factor, '')) CONTAINS f
          OR toLower(coalesce(a.preferred, '')) CONTAINS f OR toLower(coalesce(b.preferred, '')) CONTAINS f)
RETURN x.score AS score, x.factor AS factor, a.text AS claim, pa.title AS paper,
       b.text AS contradicting_claim, pb.title AS contradicting_paper
ORDER BY score DESC
LIMIT 25;
