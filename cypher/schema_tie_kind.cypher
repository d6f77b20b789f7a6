// name: schema_tie_kind
// Filter ties by kind.
CREATE INDEX tie_kind IF NOT EXISTS
FOR ()-[t:TIE]-() ON (t.kind)
