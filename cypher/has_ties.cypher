// name: has_ties
// Whether any tie is stored (a load into a store without ties creates instead of merging).
OPTIONAL MATCH (:Organization)-[t:TIE]->(:Organization)
WITH t LIMIT 1
RETURN t IS NOT NULL AS present
