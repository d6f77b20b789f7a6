// name: clear_batch
// Delete up to $limit kizuna nodes with their relationships; call until it returns 0.
// The load lock ($lock_key) stays: `load --replace` clears while holding it.
MATCH (n)
WHERE n:Organization OR n:Cluster OR n:Program OR (n:KizunaMeta AND n.key <> $lock_key)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
