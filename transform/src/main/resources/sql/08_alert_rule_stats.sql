-- alert_rule_stats: one row per (month, rule, service); rule is the alertname or alert title.
-- fired: alerts fired in the month; linked: those linked to an incident (explicitly or by
-- correlation); actionable_rate = linked / fired; p50_time_to_acknowledge_s: median
-- time_to_acknowledge_s of the linked incidents; after_hours_share: the share fired outside
-- business hours (Monday to Friday, ${business_start_hour}:00 to ${business_end_hour}:00 in
-- ${report_timezone}); noisy: fired >= ${noisy_min_fired} and actionable_rate < ${noisy_max_rate}.
WITH alerts_in_month AS (
  SELECT month_of(l.fired_at) AS month,
    coalesce(l.rule, l.title, 'unknown') AS rule,
    coalesce(l.service, 'unknown') AS service,
    l.incident_id,
    f.time_to_acknowledge_s,
    CASE WHEN local_isodow(l.fired_at, '${report_timezone}') <= 5
          AND local_hour(l.fired_at, '${report_timezone}') >= ${business_start_hour}
          AND local_hour(l.fired_at, '${report_timezone}') < ${business_end_hour} THEN 0 ELSE 1 END AS after_hours
  FROM alert_links l LEFT JOIN incident_facts f ON f.incident_id = l.incident_id
),
stats AS (
  SELECT month, rule, service,
    count(*) AS fired,
    count(incident_id) AS linked,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY time_to_acknowledge_s) AS p50_time_to_acknowledge_s,
    CAST(sum(after_hours) AS DOUBLE) / count(*) AS after_hours_share
  FROM alerts_in_month GROUP BY month, rule, service
)
SELECT month, rule, service,
  CAST(fired AS BIGINT) AS fired,
  CAST(linked AS BIGINT) AS linked,
  CAST(linked AS DOUBLE) / fired AS actionable_rate,
  CAST(p50_time_to_acknowledge_s AS DOUBLE) AS p50_time_to_acknowledge_s,
  after_hours_share,
  (fired >= ${noisy_min_fired} AND CAST(linked AS DOUBLE) / fired < ${noisy_max_rate}) AS noisy
FROM stats
