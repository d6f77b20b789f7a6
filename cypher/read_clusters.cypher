// name: read_clusters
// Clusters.
MATCH (n:Cluster)
RETURN properties(n) AS props
ORDER BY n.id
