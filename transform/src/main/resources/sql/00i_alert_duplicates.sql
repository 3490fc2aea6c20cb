-- alert_duplicates: one alert firing delivered by two tools counts once (METRICS.md section 5).
-- The usual case is Alertmanager -> PagerDuty: PagerDuty keeps Alertmanager's fingerprint as the
-- alert_key (or dedup_key), or in the details' fingerprint. A delivery by a forwarding tool
-- (pagerduty, opsgenie, incidentio) is the same firing as an originating tool's alert
-- (alertmanager, grafana) when (1) its alert key, dedup key or details fingerprint equals that
-- alert's fingerprint and it fired within ${alert_dedup_key_window_s} s of it (match fingerprint),
-- else (2) the rule and service are equal and it fired within ${alert_dedup_window_s} s (match
-- rule_service_time). Matching is one to one: a pair counts when each is the other's best
-- candidate (the key match before the rule match, then the nearest in time), so two deliveries of
-- one rule close together (a paging alert and a re-fire) never collapse into one firing. The
-- originating alert is kept.
WITH forwarded AS (
  SELECT alert_id, source, fingerprint, labels['fingerprint'] AS details_fingerprint,
    labels['dedup_key'] AS dedup_key, rule, service, fired_at
  FROM alerts WHERE source IN ('pagerduty', 'opsgenie', 'incidentio')
),
origin AS (
  SELECT alert_id, fingerprint, rule, service, fired_at FROM alerts WHERE source IN ('alertmanager', 'grafana')
),
by_key AS (
  SELECT f.alert_id, f.source, o.alert_id AS duplicate_of, 'fingerprint' AS match, 1 AS rule_rank,
    abs(unix_seconds(f.fired_at) - unix_seconds(o.fired_at)) AS distance
  FROM forwarded f JOIN origin o
    ON (o.fingerprint = f.fingerprint OR o.fingerprint = f.details_fingerprint OR o.fingerprint = f.dedup_key)
   AND abs(unix_seconds(f.fired_at) - unix_seconds(o.fired_at)) <= ${alert_dedup_key_window_s}
),
by_rule AS (
  SELECT f.alert_id, f.source, o.alert_id AS duplicate_of, 'rule_service_time' AS match, 2 AS rule_rank,
    abs(unix_seconds(f.fired_at) - unix_seconds(o.fired_at)) AS distance
  FROM forwarded f JOIN origin o
    ON o.rule = f.rule AND coalesce(o.service, '') = coalesce(f.service, '')
   AND abs(unix_seconds(f.fired_at) - unix_seconds(o.fired_at)) <= ${alert_dedup_window_s}
),
candidates AS (
  SELECT c.*,
    row_number() OVER (PARTITION BY c.alert_id ORDER BY c.rule_rank, c.distance, c.duplicate_of) AS forwarded_position,
    row_number() OVER (PARTITION BY c.duplicate_of ORDER BY c.rule_rank, c.distance, c.alert_id) AS origin_position
  FROM (SELECT * FROM by_key UNION ALL SELECT * FROM by_rule) c
)
SELECT alert_id, source, duplicate_of, match FROM candidates
WHERE forwarded_position = 1 AND origin_position = 1
