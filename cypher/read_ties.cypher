// name: read_ties
// The outgoing ties of the organizations $sources (a batch of ids), optionally filtered;
// never the derived ties an older kizuna stored (the next load deletes them). Keyed by source
// (the unique id index), so a full read is many bounded queries, never one server-side
// sort; one record per source (fewer, bigger Bolt messages: ~2x faster to decode); the
// reader orders the rows.
UNWIND $sources AS source
MATCH (a:Organization {id: source})-[t:TIE]->(b:Organization)
WHERE t.derived = false
  AND ($regions IS NULL OR (a.region IN $regions AND b.region IN $regions))
  AND ($clusters IS NULL OR (a.cluster IN $clusters AND b.cluster IN $clusters))
  AND ($kinds IS NULL OR (a.kind IN $kinds AND b.kind IN $kinds))
  AND ($tie_kinds IS NULL OR t.kind IN $tie_kinds)
  AND ($confidence IS NULL OR t.confidence IN $confidence)
  AND ($until IS NULL OR t.since IS NULL OR t.since <= $until)
  AND ($since IS NULL OR t.until IS NULL OR t.until >= $since)
RETURN source, collect([b.id, properties(t)]) AS ties
