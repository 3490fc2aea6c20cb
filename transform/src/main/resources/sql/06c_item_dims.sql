-- item_dims: every action item under the same dimensions, from its incident's severity and
-- services; items without an incident count only in the ALL rows.
SELECT a.*, coalesce(a.severity, 'UNKNOWN') AS dim_severity, 'ALL' AS dim_service FROM action_item_facts a WHERE a.incident_id IS NOT NULL
  UNION ALL SELECT a.*, 'ALL' AS dim_severity, 'ALL' AS dim_service FROM action_item_facts a
  UNION ALL SELECT a.*, coalesce(a.severity, 'UNKNOWN') AS dim_severity, s.service AS dim_service FROM action_item_facts a JOIN incident_services s ON s.incident_id = a.incident_id
  UNION ALL SELECT a.*, 'ALL' AS dim_severity, s.service AS dim_service FROM action_item_facts a JOIN incident_services s ON s.incident_id = a.incident_id
