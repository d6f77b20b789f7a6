// name: upsert_clusters
// Create or replace clusters; $rows: [{id, props}].
UNWIND $rows AS row
MERGE (n:Cluster {id: row.id})
SET n = row.props
RETURN count(*) AS written
