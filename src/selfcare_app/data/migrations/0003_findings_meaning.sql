-- Findings store meaning, not English (rules v0.2). A row's `evidence` column becomes one JSON
-- object {"v": 1|2, "points": [...], "facts": {...}, "tier", "episode", "changes"}; the card
-- sentence is built from rule + facts when shown. Rows written before this step have no facts:
-- they are tagged "v": 1 and keep their English in `message`, which is shown as it was (so a
-- retired rule such as R1a stays readable). A bare list of points becomes {"points": [...]}.
UPDATE finding SET evidence = json_object('v', 1, 'points', json(evidence), 'tier', 1)
 WHERE json_valid(evidence) AND json_type(evidence) = 'array';
UPDATE finding SET evidence = json_set(evidence, '$.v', 1)
 WHERE json_valid(evidence) AND json_type(evidence) = 'object'
   AND json_extract(evidence, '$.v') IS NULL;
