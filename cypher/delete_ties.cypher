// name: delete_ties
// Delete ties by key and ends; $rows: [{source, target, key}].
UNWIND $rows AS row
MATCH (a:Organization {id: row.source})-[t:TIE {key: row.key}]->(b:Organization {id: row.target})
DELETE t
RETURN count(*) AS deleted
