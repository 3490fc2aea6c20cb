-- excluded: the month's incidents that do not enter any metric (game days, tests, declined,
-- merged, ...), with the reason.
-- Parameters: month (YYYY-MM).
SELECT reference, title, exclusion_reason
FROM incident_facts
WHERE NOT counted AND month = ${month}
ORDER BY incident_number, reference
