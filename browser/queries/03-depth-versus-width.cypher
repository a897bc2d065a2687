// Contradicting claims about depth versus width, most confident first
:param factors => ['depth', 'width'];
:param minConfidence => 0.8;
MATCH (run:AnalysisRun {current: true})
MATCH (pa:Paper)-[:MAKES_CLAIM]->(a:Claim)-[x:CONTRADICTS {run: run.id}]->(b:Claim)<-[:MAKES_CLAIM]-(pb:Paper)
WHERE x.confidence >= $minConfidence
  AND any(f IN $factors WHERE toLower(coalesce(x.factor, '')) CONTAINS f
          OR toLower(coalesce(x.comparator, '')) CONTAINS f)
RETURN x.confidence AS confidence, x.strength AS strength, x.factor AS factor, x.outcome AS outcome,
       x.differs AS differs, a.text AS claim, pa.title AS paper, b.text AS contradicting_claim,
       pb.title AS contradicting_paper
ORDER BY confidence DESC
LIMIT 25;
