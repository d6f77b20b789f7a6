// name: read_programs
// Programs.
MATCH (n:Program)
RETURN properties(n) AS props
ORDER BY n.id
