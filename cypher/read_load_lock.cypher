// name: read_load_lock
// Who holds the load lock, if anyone, and how many loads have finished.
MATCH (l:KizunaMeta {key: $key})
RETURN l.owner AS owner, l.host AS host, l.pid AS pid, l.started_at AS started_at,
       l.heartbeat AS heartbeat, l.loads AS loads
