// name: upsert_analysis_meta
// When and by which kizuna version the stored metrics were computed, and their columns.
MERGE (m:KizunaMeta {key: $key})
SET m.analyzed_at = $analyzed_at, m.version = $version, m.columns = $columns,
    m.organizations = $organizations, m.written_at = $written_at
