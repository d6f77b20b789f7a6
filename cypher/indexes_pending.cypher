// name: indexes_pending
// Number of indexes not yet online (poll instead of db.awaitIndexes(), which ArcadeDB lacks).
SHOW INDEXES YIELD state
WHERE state <> 'ONLINE'
RETURN count(*) AS pending
