// name: read_organization_eids
// The elementIds of the organizations $ids that are stored (the others are left out).
UNWIND $ids AS id
MATCH (n:Organization {id: id})
RETURN id, elementId(n) AS eid
