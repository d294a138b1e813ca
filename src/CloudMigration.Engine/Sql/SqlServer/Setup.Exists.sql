-- Setup: whether the destination has a control schema with a setup in it (1) or not (0).
SELECT CASE WHEN OBJECT_ID(N'cm.Setup', N'U') IS NULL THEN 0 ELSE 1 END AS HasSetup;
