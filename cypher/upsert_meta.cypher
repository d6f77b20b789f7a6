// name: upsert_meta
// The bundle metadata: files present and source columns (JSON text).
MERGE (m:KizunaMeta {key: $key})
SET m.present = $present, m.source_columns = $source_columns, m.updated_at = $updated_at
