// name: counts
// Numbers of stored things, for `kizuna store status` and load summaries.
RETURN COUNT { MATCH (n:Organization) } AS organizations,
       COUNT { MATCH (n:Cluster) } AS clusters,
       COUNT { MATCH (n:Program) } AS programs,
       COUNT { MATCH (:Organization)-[r:PARTICIPATES_IN]->(:Program) } AS participations,
       COUNT { MATCH (:Organization)-[t:TIE]->(:Organization) WHERE t.derived = false } AS ties
