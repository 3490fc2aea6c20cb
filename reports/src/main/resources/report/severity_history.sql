-- severity_history: counted incidents per month and severity in (from, month], rolled up over
-- services, for the severity mix chart and the severity sentence of the executive summary.
-- Parameters: from (YYYY-MM, exclusive), month (YYYY-MM, inclusive).
SELECT month, severity, incidents
FROM monthly_metrics
WHERE service = 'ALL' AND severity <> 'ALL' AND month > ${from} AND month <= ${month}
ORDER BY month, severity
