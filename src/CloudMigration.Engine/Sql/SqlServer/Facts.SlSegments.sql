-- Flexkey definitions of an SL application database: segments per field class (ACCOUNT, SUBACCOUNT, ...).
SELECT RTRIM(FieldClassName) AS FieldClassName, NumberSegments, MaxSegments
FROM dbo.FlexDef;
