-- incident_values: the counted incidents of one month with their durations in seconds. These are
-- the values behind every percentile, bootstrap interval and driver of the report: the bootstrap
-- resamples incidents, not monthly aggregates, and a driver's leave-one-out effect is the change of
-- the month's p50 when that one incident is left out.
-- Parameters: month (YYYY-MM).
SELECT
  incident_id, reference, title, severity, time_to_resolve_s, time_to_mitigate_s,
  time_to_acknowledge_s, time_to_detect_s, phase_detect_s, phase_assemble_s,
  phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s
FROM incident_facts
WHERE counted AND month = ${month}
ORDER BY incident_number, reference
