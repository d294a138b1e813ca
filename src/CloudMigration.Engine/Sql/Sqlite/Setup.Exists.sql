-- Setup: whether the destination has a control schema with a setup in it (1) or not (0).
SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cm_Setup') THEN 1 ELSE 0 END AS HasSetup;
