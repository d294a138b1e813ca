-- Dynamics SL companies from the system database.
SELECT Active, CpnyID, CpnyName, DatabaseName
FROM dbo.Company
ORDER BY CpnyID;
