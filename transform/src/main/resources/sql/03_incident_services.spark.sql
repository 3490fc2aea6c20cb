-- incident_services (Spark): see 03_incident_services.sql; only explode() differs from unnest().
SELECT incident_id, explode(services) AS service FROM linked_incidents
