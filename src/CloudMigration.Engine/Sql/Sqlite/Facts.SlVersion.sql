-- The Dynamics SL version, as the system database reports it.
SELECT * FROM getVersion;
