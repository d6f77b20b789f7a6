// name: migrate_drop_tie_kind
// Stores made before 0.2 had an index on TIE.kind that no kizuna query used.
DROP INDEX tie_kind IF EXISTS
