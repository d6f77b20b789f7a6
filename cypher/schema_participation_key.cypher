// name: schema_participation_key
// Unique participation keys (program|organization|role|since).
CREATE CONSTRAINT participation_key IF NOT EXISTS
FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.key IS UNIQUE
