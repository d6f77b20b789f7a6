// name: create_ties
// Create new ties in a store that held no tie when the load began;
// $rows: [{ea, eb, source, target, key, <canonical ties.csv columns>, derived: false}] without
// null values (a missing key reads as null, and a null property is not stored).
// The ends are found by elementId (fast) and checked by id: a row whose handle is stale is
// not written, and the caller, seeing the count short, redoes the batch with upsert_ties.
UNWIND $rows AS row
MATCH (a:Organization) WHERE elementId(a) = row.ea AND a.id = row.source
MATCH (b:Organization) WHERE elementId(b) = row.eb AND b.id = row.target
CREATE (a)-[t:TIE {
  key: row.key, id: row.id, kind: row.kind, directed: row.directed,
  since: row.since, until: row.until, weight: row.weight,
  evidence: row.evidence, source_ref: row.source_ref, confidence: row.confidence,
  program: row.program, deals: row.deals, amount_yen: row.amount_yen,
  participants: row.participants, firms: row.firms, note: row.note,
  derived: row.derived
}]->(b)
RETURN count(*) AS written
