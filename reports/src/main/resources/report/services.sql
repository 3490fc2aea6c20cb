-- services: counted incidents, p50 time to resolve and alerts per service in the month
-- (monthly_metrics, all severities); an incident with several services counts in each.
-- Parameters: month (YYYY-MM).
SELECT service, incidents, n_time_to_resolve, p50_time_to_resolve_s, alerts_fired
FROM monthly_metrics
WHERE month = ${month} AND severity = 'ALL' AND service <> 'ALL' AND incidents > 0
ORDER BY incidents DESC, service
