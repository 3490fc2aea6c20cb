-- phases_by_severity: the mean of each phase per severity in the month (monthly_metrics, all
-- services), for the stacked phase breakdown.
-- Parameters: month (YYYY-MM).
SELECT
  severity, n_phase_detect, mean_phase_detect_s, mean_phase_assemble_s,
  mean_phase_troubleshoot_s, mean_phase_mitigate_s, mean_phase_cleanup_s
FROM monthly_metrics
WHERE month = ${month} AND service = 'ALL' AND severity <> 'ALL'
ORDER BY severity
