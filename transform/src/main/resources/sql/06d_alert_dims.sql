-- alert_dims: every alert under the dimensions: ALL severities by its own service and ALL, and
-- the severity of the counted incident it is linked to.
SELECT month_of(l.fired_at) AS month, 'ALL' AS dim_severity, coalesce(l.service, 'unknown') AS dim_service FROM alert_links l
  UNION ALL SELECT month_of(l.fired_at) AS month, 'ALL' AS dim_severity, 'ALL' AS dim_service FROM alert_links l
  UNION ALL SELECT month_of(l.fired_at) AS month, f.severity AS dim_severity, 'ALL' AS dim_service FROM alert_links l JOIN incident_facts f ON f.incident_id = l.incident_id WHERE f.counted
  UNION ALL SELECT month_of(l.fired_at) AS month, f.severity AS dim_severity, coalesce(l.service, 'unknown') AS dim_service FROM alert_links l JOIN incident_facts f ON f.incident_id = l.incident_id WHERE f.counted
