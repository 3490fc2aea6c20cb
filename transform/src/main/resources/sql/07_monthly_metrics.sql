-- monthly_metrics: one row per (month, severity, service); ALL stands for a dimension rolled up.
-- An incident with several services counts once in each service row and once in ALL.
-- MTTx (n_, mean_, p50_, p90_ of every duration): counted incidents by the month of reported_at;
-- only non-null values enter; p50/p90 are linear-interpolation percentiles (percentile_cont).
-- incidents: counted; excluded_incidents: not counted; sev_share: incidents at this severity over
-- the month's incidents (same service); open_incidents: counted, reported in the month, not
-- resolved at as_of.
-- Targets, shares of counted incidents at severities (${target_severities}):
-- pct_mitigated_within_30m (time_to_mitigate_s <= ${mitigated_seconds}), pct_lead_within_5m,
-- pct_all_roles_within_5m.
-- Alerts: alerts_fired in the month (by fired_at); alerts_per_incident = alerts_fired / incidents
-- (null with no incidents); pct_detected_by_alert: counted incidents detected explicitly or by a
-- linked alert rather than by the report fallback.
-- Post-mortems, by the month of resolved_at, for counted incidents at (${pm_severities}):
-- pm_required, pm_published, pm_completion_rate, pm_on_time_rate (postmortem_lag_s <=
-- ${pm_deadline_s} s, over required), p50_postmortem_lag_s, pm_overdue (unpublished and
-- resolved_at + deadline < as_of).
-- Action items, by the month of created_at: ai_total, ai_tracked_rate (owner and due date),
-- ai_completion_rate = done / (total - wont_do), ai_overdue, p50_ai_days_to_complete.
-- hero_share: the share of the month's counted SEV1 incidents led by the ${hero_top_leads} most
-- frequent SEV1 leads of the trailing ${hero_window_months} calendar months (about
-- ${hero_window_days} days); on the service ALL rows for severity ALL and SEV1. Lower is healthier.
WITH counted AS (SELECT * FROM incident_dims WHERE counted),
population AS (
  SELECT month, dim_severity, dim_service,
    count(*) FILTER (WHERE counted) AS incidents,
    count(*) FILTER (WHERE NOT counted) AS excluded_incidents,
    count(*) FILTER (WHERE counted AND (resolved_at IS NULL OR unix_seconds(resolved_at) > ${as_of_s}) AND unix_seconds(reported_at) <= ${as_of_s}) AS open_incidents
  FROM incident_dims GROUP BY month, dim_severity, dim_service
),
durations AS (
  SELECT month, dim_severity, dim_service,
${duration_aggregates},
    count(*) FILTER (WHERE severity IN (${target_severities})) AS target_incidents,
    count(*) FILTER (WHERE severity IN (${target_severities}) AND time_to_mitigate_s <= ${mitigated_seconds}) AS target_mitigated,
    count(*) FILTER (WHERE severity IN (${target_severities}) AND lead_assigned_within_5m) AS target_lead,
    count(*) FILTER (WHERE severity IN (${target_severities}) AND all_roles_within_5m) AS target_roles,
    count(*) FILTER (WHERE detected_source IN ('explicit', 'fallback:earliest_alert')) AS detected_by_alert
  FROM counted GROUP BY month, dim_severity, dim_service
),
postmortems AS (
  SELECT resolved_month AS month, dim_severity, dim_service,
    count(*) AS pm_required,
    count(postmortem_published_at) AS pm_published,
    count(*) FILTER (WHERE postmortem_lag_s IS NOT NULL AND postmortem_lag_s <= ${pm_deadline_s}) AS pm_on_time,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY postmortem_lag_s) AS p50_postmortem_lag_s,
    count(*) FILTER (WHERE postmortem_published_at IS NULL AND unix_seconds(resolved_at) + ${pm_deadline_s} < ${as_of_s}) AS pm_overdue
  FROM counted WHERE pm_required AND resolved_month IS NOT NULL
  GROUP BY resolved_month, dim_severity, dim_service
),
items AS (
  SELECT month, dim_severity, dim_service,
    count(*) AS ai_total,
    count(*) FILTER (WHERE tracked) AS ai_tracked,
    count(*) FILTER (WHERE status = 'done') AS ai_done,
    count(*) FILTER (WHERE status = 'wont_do') AS ai_wont_do,
    count(*) FILTER (WHERE overdue) AS ai_overdue,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_complete) AS p50_ai_days_to_complete
  FROM item_dims GROUP BY month, dim_severity, dim_service
),
alert_counts AS (
  SELECT month, dim_severity, dim_service, count(*) AS alerts_fired FROM alert_dims GROUP BY month, dim_severity, dim_service
),
sev1 AS (
  SELECT month, CAST(substr(month, 1, 4) AS INT) * 12 + CAST(substr(month, 6, 2) AS INT) AS month_index, lead_person_id AS lead
  FROM incident_facts WHERE counted AND severity = 'SEV1'
),
sev1_months AS (SELECT DISTINCT month, month_index FROM sev1),
lead_counts AS (
  SELECT m.month, s.lead, count(*) AS led
  FROM sev1_months m JOIN sev1 s ON s.month_index BETWEEN m.month_index - (${hero_window_months} - 1) AND m.month_index
  WHERE s.lead IS NOT NULL
  GROUP BY m.month, s.lead
),
heroes AS (
  SELECT month, lead FROM (
    SELECT month, lead, row_number() OVER (PARTITION BY month ORDER BY led DESC, lead) AS position FROM lead_counts
  ) ranked WHERE position <= ${hero_top_leads}
),
hero AS (
  SELECT s.month,
    CAST(count(h.lead) AS DOUBLE) / count(*) AS hero_share
  FROM sev1 s LEFT JOIN heroes h ON h.month = s.month AND h.lead = s.lead
  GROUP BY s.month
),
grid AS (
  SELECT month, dim_severity, dim_service FROM population
  UNION SELECT month, dim_severity, dim_service FROM postmortems
  UNION SELECT month, dim_severity, dim_service FROM items
  UNION SELECT month, dim_severity, dim_service FROM alert_counts
)
SELECT
  g.month,
  g.dim_severity AS severity,
  g.dim_service AS service,
  CAST(coalesce(p.incidents, 0) AS BIGINT) AS incidents,
  CAST(coalesce(p.excluded_incidents, 0) AS BIGINT) AS excluded_incidents,
  CASE WHEN g.dim_severity = 'ALL' THEN (CASE WHEN coalesce(p.incidents, 0) > 0 THEN 1.0 END)
       WHEN coalesce(total.incidents, 0) > 0 THEN CAST(coalesce(p.incidents, 0) AS DOUBLE) / total.incidents END AS sev_share,
  CAST(coalesce(p.open_incidents, 0) AS BIGINT) AS open_incidents,
${duration_columns},
  CASE WHEN d.target_incidents > 0 THEN CAST(d.target_mitigated AS DOUBLE) / d.target_incidents END AS pct_mitigated_within_30m,
  CASE WHEN d.target_incidents > 0 THEN CAST(d.target_lead AS DOUBLE) / d.target_incidents END AS pct_lead_within_5m,
  CASE WHEN d.target_incidents > 0 THEN CAST(d.target_roles AS DOUBLE) / d.target_incidents END AS pct_all_roles_within_5m,
  CAST(coalesce(a.alerts_fired, 0) AS BIGINT) AS alerts_fired,
  CASE WHEN coalesce(p.incidents, 0) > 0 THEN CAST(coalesce(a.alerts_fired, 0) AS DOUBLE) / p.incidents END AS alerts_per_incident,
  CASE WHEN coalesce(p.incidents, 0) > 0 THEN CAST(coalesce(d.detected_by_alert, 0) AS DOUBLE) / p.incidents END AS pct_detected_by_alert,
  CAST(coalesce(pm.pm_required, 0) AS BIGINT) AS pm_required,
  CAST(coalesce(pm.pm_published, 0) AS BIGINT) AS pm_published,
  CASE WHEN pm.pm_required > 0 THEN CAST(pm.pm_published AS DOUBLE) / pm.pm_required END AS pm_completion_rate,
  CASE WHEN pm.pm_required > 0 THEN CAST(pm.pm_on_time AS DOUBLE) / pm.pm_required END AS pm_on_time_rate,
  CAST(pm.p50_postmortem_lag_s AS DOUBLE) AS p50_postmortem_lag_s,
  CAST(coalesce(pm.pm_overdue, 0) AS BIGINT) AS pm_overdue,
  CAST(coalesce(i.ai_total, 0) AS BIGINT) AS ai_total,
  CASE WHEN i.ai_total > 0 THEN CAST(i.ai_tracked AS DOUBLE) / i.ai_total END AS ai_tracked_rate,
  CASE WHEN i.ai_total - i.ai_wont_do > 0 THEN CAST(i.ai_done AS DOUBLE) / (i.ai_total - i.ai_wont_do) END AS ai_completion_rate,
  CAST(coalesce(i.ai_overdue, 0) AS BIGINT) AS ai_overdue,
  CAST(i.p50_ai_days_to_complete AS DOUBLE) AS p50_ai_days_to_complete,
  CASE WHEN g.dim_service = 'ALL' AND g.dim_severity IN ('ALL', 'SEV1') THEN h.hero_share END AS hero_share,
  '${definitions_version}' AS definitions_version,
  CAST(${as_of_s} AS BIGINT) AS as_of_epoch_s
FROM grid g
LEFT JOIN population p ON p.month = g.month AND p.dim_severity = g.dim_severity AND p.dim_service = g.dim_service
LEFT JOIN population total ON total.month = g.month AND total.dim_severity = 'ALL' AND total.dim_service = g.dim_service
LEFT JOIN durations d ON d.month = g.month AND d.dim_severity = g.dim_severity AND d.dim_service = g.dim_service
LEFT JOIN postmortems pm ON pm.month = g.month AND pm.dim_severity = g.dim_severity AND pm.dim_service = g.dim_service
LEFT JOIN items i ON i.month = g.month AND i.dim_severity = g.dim_severity AND i.dim_service = g.dim_service
LEFT JOIN alert_counts a ON a.month = g.month AND a.dim_severity = g.dim_severity AND a.dim_service = g.dim_service
LEFT JOIN hero h ON h.month = g.month
