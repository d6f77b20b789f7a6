// name: schema_program_id
// Unique program ids.
CREATE CONSTRAINT program_id IF NOT EXISTS
FOR (n:Program) REQUIRE n.id IS UNIQUE
