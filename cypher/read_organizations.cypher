// name: read_organizations
// Organizations, optionally filtered (null parameter = no filter).
MATCH (n:Organization)
WHERE ($regions IS NULL OR n.region IN $regions)
  AND ($clusters IS NULL OR n.cluster IN $clusters)
  AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN properties(n) AS props
ORDER BY n.id
