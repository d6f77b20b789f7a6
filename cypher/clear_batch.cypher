// name: clear_batch
// Delete up to $limit kizuna nodes with their relationships; call until it returns 0.
MATCH (n)
WHERE n:Organization OR n:Cluster OR n:Program OR n:KizunaMeta
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
