// name: schema_organization_kind
// Filter organizations by kind.
CREATE INDEX organization_kind IF NOT EXISTS
FOR (n:Organization) ON (n.kind)
