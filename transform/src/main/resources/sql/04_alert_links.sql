-- alert_links: one row per distinct alert firing (a second tool's delivery of the same firing is
-- in alert_duplicates and is not counted again), with the canonical incident it belongs to. An
-- explicit link (PagerDuty's alert.incident, incident.io attribution, the canonical incident_id),
-- of the alert or of a duplicate delivery, mapped through incident_links, wins. Otherwise an alert
-- is linked by correlation to a counted incident of the same service when it fired within
-- [reported_at - ${correlation_before_s} s, resolved_at, or as_of while open]; when several match,
-- the earliest reported incident wins.
WITH explicit AS (
  SELECT coalesce(d.duplicate_of, a.alert_id) AS alert_id,
    min(l.incident_id) AS incident_id, CAST(count(*) AS BIGINT) AS deliveries
  FROM alerts a
  LEFT JOIN alert_duplicates d ON d.alert_id = a.alert_id
  LEFT JOIN incident_links l ON l.source_key = a.incident_id
  GROUP BY coalesce(d.duplicate_of, a.alert_id)
),
firings AS (
  SELECT a.alert_id, a.source, a.rule, a.title, a.service, a.fired_at, a.resolved_at,
    e.incident_id AS explicit_incident_id, e.deliveries
  FROM alerts a JOIN explicit e ON e.alert_id = a.alert_id
),
counted AS (
  SELECT i.incident_id, i.reported_at, s.service,
         unix_seconds(i.reported_at) - ${correlation_before_s} AS window_start,
         CASE WHEN i.resolved_at IS NULL THEN ${as_of_s} ELSE unix_seconds(i.resolved_at) END AS window_end
  FROM linked_incidents i JOIN incident_services s ON s.incident_id = i.incident_id
  WHERE i.mode = 'real' AND i.status NOT IN ('declined', 'merged', 'canceled', 'duplicate')
),
correlated AS (
  SELECT a.alert_id, c.incident_id,
         row_number() OVER (PARTITION BY a.alert_id ORDER BY c.reported_at, c.incident_id) AS rank
  FROM firings a JOIN counted c ON a.service = c.service
  WHERE a.explicit_incident_id IS NULL
    AND unix_seconds(a.fired_at) >= c.window_start
    AND unix_seconds(a.fired_at) <= c.window_end
)
SELECT a.alert_id, a.source, a.rule, a.title, a.service, a.fired_at, a.resolved_at,
       coalesce(a.explicit_incident_id, c.incident_id) AS incident_id,
       CASE WHEN a.explicit_incident_id IS NOT NULL THEN 'explicit' WHEN c.incident_id IS NOT NULL THEN 'correlated' ELSE 'none' END AS link,
       a.deliveries
FROM firings a LEFT JOIN correlated c ON c.alert_id = a.alert_id AND c.rank = 1
