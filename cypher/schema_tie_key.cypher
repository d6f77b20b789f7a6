// name: schema_tie_key
// Unique tie keys (tie id, else source|target|kind|since; derived ties prog:...).
CREATE CONSTRAINT tie_key IF NOT EXISTS
FOR ()-[t:TIE]-() REQUIRE t.key IS UNIQUE
