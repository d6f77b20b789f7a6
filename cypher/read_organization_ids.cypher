// name: read_organization_ids
// The ids of the organizations kept by the filter (null parameter = no filter), unsorted:
// the sources whose ties read_ties reads.
MATCH (n:Organization)
WHERE ($regions IS NULL OR n.region IN $regions)
  AND ($clusters IS NULL OR n.cluster IN $clusters)
  AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN n.id AS id
