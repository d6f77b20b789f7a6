// name: release_load_lock
// Give the load lock back (only its owner can), counting finished loads: a reader that
// sees the same count and no holder before and after its read read no load's writes.
MATCH (l:KizunaMeta {key: $key})
WHERE l.owner = $owner
REMOVE l.owner, l.host, l.pid, l.started_at, l.heartbeat
SET l.loads = coalesce(l.loads, 0) + 1
RETURN count(*) AS written
