-- alert_links: every alert with the incident it belongs to. An explicit link (PagerDuty's
-- alert.incident, incident.io attribution, the canonical incident_id) wins. Otherwise an alert is
-- linked by correlation to a counted incident of the same service when it fired within
-- [reported_at - ${correlation_before_s} s, resolved_at, or as_of while open]; when several match,
-- the earliest reported incident wins.
WITH counted AS (
  SELECT i.incident_id, i.reported_at, s.service,
         unix_seconds(i.reported_at) - ${correlation_before_s} AS window_start,
         CASE WHEN i.resolved_at IS NULL THEN ${as_of_s} ELSE unix_seconds(i.resolved_at) END AS window_end
  FROM incidents i JOIN incident_services s ON s.incident_id = i.incident_id
  WHERE i.mode = 'real' AND i.status NOT IN ('declined', 'merged', 'canceled', 'duplicate')
),
correlated AS (
  SELECT a.alert_id, c.incident_id,
         row_number() OVER (PARTITION BY a.alert_id ORDER BY c.reported_at, c.incident_id) AS rank
  FROM alerts a JOIN counted c ON a.service = c.service
  WHERE a.incident_id IS NULL
    AND unix_seconds(a.fired_at) >= c.window_start
    AND unix_seconds(a.fired_at) <= c.window_end
)
SELECT a.alert_id, a.source, a.rule, a.title, a.service, a.fired_at,
       coalesce(a.incident_id, c.incident_id) AS incident_id,
       CASE WHEN a.incident_id IS NOT NULL THEN 'explicit' WHEN c.incident_id IS NOT NULL THEN 'correlated' ELSE 'none' END AS link
FROM alerts a LEFT JOIN correlated c ON c.alert_id = a.alert_id AND c.rank = 1
