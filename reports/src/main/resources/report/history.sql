-- history: the all-severity, all-service monthly_metrics row of each month in (from, month], for
-- the trend charts, the trailing 6-month median and the quarter- and year-to-date table.
-- first_month is the earliest month the lake has: months before it are "no data", months after it
-- without a row had no incidents and no alerts and are drawn as zero.
-- Parameters: from (YYYY-MM, exclusive), month (YYYY-MM, inclusive).
SELECT
  month, incidents, excluded_incidents, p50_time_to_resolve_s, p90_time_to_resolve_s,
  n_time_to_resolve, alerts_fired, alerts_per_incident, pm_required, pm_published,
  pm_completion_rate, ai_total, ai_overdue,
  (SELECT min(month) FROM monthly_metrics) AS first_month
FROM monthly_metrics
WHERE severity = 'ALL' AND service = 'ALL' AND month > ${from} AND month <= ${month}
ORDER BY month
