-- Business Central companies of the tenant database.
SELECT [Name], [Display Name] AS DisplayName, [$systemId] AS SystemId
FROM [dbo].[Company]
ORDER BY [Name];
