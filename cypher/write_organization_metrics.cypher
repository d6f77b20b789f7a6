// name: write_organization_metrics
// Analysis columns as properties of the organizations (GDS write mode: property name =
// nodes.csv column); $rows: [{id, props}], a null value removes the property. Idempotent.
UNWIND $rows AS row
MATCH (n:Organization {id: row.id})
SET n += row.props
RETURN count(n) AS written
