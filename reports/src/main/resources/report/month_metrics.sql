-- month_metrics: the monthly_metrics rows of one month rolled up over services (service = 'ALL'):
-- one row per severity and the all-severity row (severity = 'ALL'). Every count, rate and target
-- of the report comes from these rows as the transform computed them; nothing is re-aggregated.
-- Parameters: month (YYYY-MM).
SELECT *
FROM monthly_metrics
WHERE month = ${month} AND service = 'ALL'
ORDER BY severity
