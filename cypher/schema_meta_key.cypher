// name: schema_meta_key
// One metadata node per key.
CREATE CONSTRAINT kizuna_meta_key IF NOT EXISTS
FOR (n:KizunaMeta) REQUIRE n.key IS UNIQUE
