// name: read_organizations
// Organizations, optionally filtered (null parameter = no filter).
// Unsorted, streamed: the reader sorts (a server-side sort of a big store exceeds the
// embedded server's per-query memory).
MATCH (n:Organization)
WHERE ($regions IS NULL OR n.region IN $regions)
  AND ($clusters IS NULL OR n.cluster IN $clusters)
  AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN properties(n) AS props
