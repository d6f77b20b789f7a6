// name: schema_organization_region
// Filter organizations by region.
CREATE INDEX organization_region IF NOT EXISTS
FOR (n:Organization) ON (n.region)
