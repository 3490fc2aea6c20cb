-- incident_services: one row per (incident, service). Dialect note: Spark explodes arrays with
-- explode(), DuckDB with unnest(); this default file is DuckDB's, 03_incident_services.spark.sql is
-- Spark's. Everything else is shared.
SELECT incident_id, unnest(services) AS service FROM linked_incidents
