-- Dynamics SL companies from the system database.
SELECT Active, CpnyID, CpnyName, DatabaseName
FROM Company
ORDER BY CpnyID;
