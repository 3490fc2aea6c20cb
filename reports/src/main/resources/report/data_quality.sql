-- data_quality: per milestone, the share of the month's incidents whose value was explicit, came
-- from a fallback or is missing, with the clamp's reordered and imputed counts (data_quality).
-- Parameters: month (YYYY-MM).
SELECT milestone, explicit_pct, fallback_pct, missing_pct, incidents, milestones_reordered, imputed_phases
FROM data_quality
WHERE month = ${month} AND check_kind = 'milestone'
ORDER BY milestone
