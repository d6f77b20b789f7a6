// name: read_ties
// Ties between kept organizations, optionally filtered; $derived selects direct (false) or derived (true) ties.
MATCH (a:Organization)-[t:TIE]->(b:Organization)
WHERE t.derived = $derived
  AND ($regions IS NULL OR (a.region IN $regions AND b.region IN $regions))
  AND ($clusters IS NULL OR (a.cluster IN $clusters AND b.cluster IN $clusters))
  AND ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds))
  AND ($tie_kinds IS NULL OR t.kind IN $tie_kinds)
  AND ($confidence IS NULL OR t.confidence IN $confidence)
  AND ($until IS NULL OR t.since IS NULL OR t.since <= $until)
  AND ($since IS NULL OR t.until IS NULL OR t.until >= $since)
RETURN a.id AS source, b.id AS target, properties(t) AS props
ORDER BY t.key
