// name: delete_derived_ties
// Delete up to $limit co_participation ties that an older kizuna derived from
// participation.csv and stored (derived = true); kizuna no longer stores them. Call until
// it returns 0.
MATCH (:Organization)-[t:TIE]->(:Organization)
WHERE t.derived = true
WITH t LIMIT $limit
DELETE t
RETURN count(*) AS deleted
