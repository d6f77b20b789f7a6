// name: release_load_lock
// Give the load lock back (only its owner can).
MATCH (l:KizunaMeta {key: $key})
WHERE l.owner = $owner
REMOVE l.owner, l.host, l.pid, l.started_at, l.heartbeat
RETURN count(*) AS written
