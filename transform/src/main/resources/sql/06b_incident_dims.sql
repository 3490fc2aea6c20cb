-- incident_dims: every incident under the dimensions monthly_metrics groups by: its own severity
-- and ALL, crossed with each of its services and ALL (an incident with several services counts
-- once in each service row and once in ALL). Materialised once, so that the monthly aggregation
-- plans against one table instead of re-planning four unions in each place it is used.
SELECT f.*, f.severity AS dim_severity, 'ALL' AS dim_service FROM incident_facts f
  UNION ALL SELECT f.*, 'ALL' AS dim_severity, 'ALL' AS dim_service FROM incident_facts f
  UNION ALL SELECT f.*, f.severity AS dim_severity, s.service AS dim_service FROM incident_facts f JOIN incident_services s ON s.incident_id = f.incident_id
  UNION ALL SELECT f.*, 'ALL' AS dim_severity, s.service AS dim_service FROM incident_facts f JOIN incident_services s ON s.incident_id = f.incident_id
