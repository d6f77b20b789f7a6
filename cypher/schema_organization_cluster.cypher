// name: schema_organization_cluster
// Filter organizations by cluster.
CREATE INDEX organization_cluster IF NOT EXISTS
FOR (n:Organization) ON (n.cluster)
