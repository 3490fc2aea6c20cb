-- incident_types: the five most frequent incident types among the month's counted incidents
-- ('unknown' when the tool recorded none).
-- Parameters: month (YYYY-MM).
SELECT coalesce(incident_type, 'unknown') AS incident_type, count(*) AS incidents
FROM incident_facts
WHERE counted AND month = ${month}
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 5
