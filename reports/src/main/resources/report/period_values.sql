-- period_values: the counted incidents reported in the months [from, to], with severity, time to
-- resolve and post-mortem state, for the quarter-to-date and year-to-date figures and the
-- quarterly report (percentiles over the incidents of the whole period, never an average of
-- monthly percentiles).
-- Parameters: from (YYYY-MM, inclusive), to (YYYY-MM, inclusive).
SELECT
  month, reference, title, severity, time_to_resolve_s, pm_required, postmortem_published_at,
  resolved_at
FROM incident_facts
WHERE counted AND month >= ${from} AND month <= ${to}
ORDER BY month, incident_number, reference
