// name: read_meta
// The bundle metadata.
MATCH (m:KizunaMeta {key: $key})
RETURN m.present AS present, m.source_columns AS source_columns, m.updated_at AS updated_at
