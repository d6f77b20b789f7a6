// name: read_participation
// Participations of kept organizations.
// Unsorted, streamed: the reader sorts (a server-side sort of a big store exceeds the
// embedded server's per-query memory).
MATCH (o:Organization)-[r:PARTICIPATES_IN]->(p:Program)
WHERE ($regions IS NULL OR o.region IN $regions)
  AND ($clusters IS NULL OR o.cluster IN $clusters)
  AND ($kinds IS NULL OR o.kind IN $kinds)
RETURN p.id AS program, o.id AS organization, properties(r) AS props
