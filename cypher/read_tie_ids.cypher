// name: read_tie_ids
// Stored direct ties that carry an explicit id, with their ends: a tie id in a new bundle
// may join other organizations than before (its old relationship is then replaced).
MATCH (a:Organization)-[t:TIE]->(b:Organization)
WHERE t.id IS NOT NULL AND t.derived = false
RETURN t.key AS key, a.id AS source, b.id AS target
