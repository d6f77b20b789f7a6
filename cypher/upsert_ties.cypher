// name: upsert_ties
// Create or replace ties (direct and derived) keyed by key; $rows: [{source, target, key, props}].
// Rows whose ends are not stored are skipped; the count tells the caller.
UNWIND $rows AS row
MATCH (a:Organization {id: row.source})
MATCH (b:Organization {id: row.target})
MERGE (a)-[t:TIE {key: row.key}]->(b)
SET t = row.props
RETURN count(*) AS written
