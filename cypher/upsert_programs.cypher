// name: upsert_programs
// Create or replace programs; $rows: [{id, props}].
UNWIND $rows AS row
MERGE (n:Program {id: row.id})
SET n = row.props
RETURN count(*) AS written
