// name: read_clusters
// Clusters.
// Unsorted, streamed: the reader sorts (a server-side sort of a big store exceeds the
// embedded server's per-query memory).
MATCH (n:Cluster)
RETURN properties(n) AS props
