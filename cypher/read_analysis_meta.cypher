// name: read_analysis_meta
// The stored metrics' time, version and columns (no row before the first `analyze --write`).
MATCH (m:KizunaMeta {key: $key})
RETURN m.analyzed_at AS analyzed_at, m.version AS version, m.columns AS columns,
       m.organizations AS organizations
