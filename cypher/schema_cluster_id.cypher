// name: schema_cluster_id
// Unique cluster ids.
CREATE CONSTRAINT cluster_id IF NOT EXISTS
FOR (n:Cluster) REQUIRE n.id IS UNIQUE
