// The shortest path between two methods, through the papers that mention them
:param from => 'LoRA';
:param to => 'quantization';
MATCH (a:Method) WHERE toLower(a.name) = toLower($from) OR toLower($from) IN [s IN coalesce(a.aliases, []) | toLower(s)]
MATCH (b:Method) WHERE toLower(b.name) = toLower($to) OR toLower($to) IN [s IN coalesce(b.aliases, []) | toLower(s)]
WITH a, b LIMIT 1
MATCH path = shortestPath((a)-[:MENTIONS*..8]-(b))
RETURN path;
