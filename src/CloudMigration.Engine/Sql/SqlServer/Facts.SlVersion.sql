-- The Dynamics SL version, as the system database reports it.
EXEC dbo.getVersion;
