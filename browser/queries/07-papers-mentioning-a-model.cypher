// Papers that mention a model, with the other models they mention
:param model => 'llava';
MATCH (m:Model)
WHERE toLower(m.canonical) = toLower($model) OR toLower(m.name) = toLower($model)
MATCH (p:Paper)-[r:MENTIONS]->(m)
OPTIONAL MATCH (p)-[r2:MENTIONS]->(other:Model)
RETURN m, r, p, r2, other
LIMIT 200;
