// name: upsert_organizations
// Create or replace organizations; $rows: [{id, props}] (props includes id, never null values).
UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n = row.props
RETURN count(*) AS written
