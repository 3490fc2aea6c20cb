-- incidents_this_month: every counted incident reported in the month, with its services, time to
-- resolve and phases (for the slowest phase), its lead's id, and its post-mortem state. The report
-- lists every incident at the post-mortem severities and the longest of the others by time to
-- resolve; the lead's display name comes from lead_names.
-- Parameters: month (YYYY-MM).
SELECT
  incident_id, reference, incident_number, title, severity,
  array_to_string(services, ', ') AS services, time_to_resolve_s,
  phase_detect_s, phase_assemble_s, phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s,
  lead, pm_required, postmortem_published_at, postmortem_lag_s, resolved_at
FROM incident_facts
WHERE counted AND month = ${month}
ORDER BY incident_number, reference
