// name: upsert_ties
// Create or replace ties keyed by key among the source's outgoing
// ties; $rows: [{ea, eb, source, target, key, props}] (props: every stored property).
// Ends by elementId, checked by id (see create_ties); rows whose ends are not stored are
// skipped and the count tells the caller.
UNWIND $rows AS row
MATCH (a:Organization) WHERE elementId(a) = row.ea AND a.id = row.source
MATCH (b:Organization) WHERE elementId(b) = row.eb AND b.id = row.target
MERGE (a)-[t:TIE {key: row.key}]->(b)
SET t = row.props
RETURN count(*) AS written
