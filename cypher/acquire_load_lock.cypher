// name: acquire_load_lock
// Take (or keep) the load lock when it is free, ours, or held by $expected (an owner found
// abandoned). The first SET takes the node's write lock on Neo4j before the owner is read;
// on ArcadeDB two racing transactions conflict and the loser is retried. written = 1: held.
MERGE (l:KizunaMeta {key: $key})
SET l.touched = $now
WITH l
WHERE l.owner IS NULL OR l.owner = $owner OR l.owner = $expected
SET l.owner = $owner, l.host = $host, l.pid = $pid, l.started_at = $started_at,
    l.heartbeat = $now
RETURN count(*) AS written
