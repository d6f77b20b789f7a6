// name: read_programs
// Programs.
// Unsorted, streamed: the reader sorts (a server-side sort of a big store exceeds the
// embedded server's per-query memory).
MATCH (n:Program)
RETURN properties(n) AS props
