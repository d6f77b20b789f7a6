// name: upsert_participation
// Create or replace participations keyed by key; $rows: [{program, organization, key, props}].
UNWIND $rows AS row
MATCH (o:Organization {id: row.organization})
MATCH (p:Program {id: row.program})
MERGE (o)-[r:PARTICIPATES_IN {key: row.key}]->(p)
SET r = row.props
RETURN count(*) AS written
