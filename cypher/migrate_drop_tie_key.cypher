// name: migrate_drop_tie_key
// Stores made before 0.2 had a unique constraint on TIE.key. Ties are now kept unique by
// the loader (one writer under the load lock; CREATE into a store without ties, MERGE on
// the source's edges otherwise), which loads 1.5-2x faster on the embedded server.
DROP CONSTRAINT tie_key IF EXISTS
