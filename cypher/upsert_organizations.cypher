// name: upsert_organizations
// Create or replace organizations; $rows: [{id, props}] (props includes id, never null values).
// Returns each organization's elementId, used by the tie statements of the same load only
// (never stored: an elementId is a handle, not an identity).
UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n = row.props
RETURN row.id AS id, elementId(n) AS eid
