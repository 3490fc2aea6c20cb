-- overdue_postmortems: required post-mortems that are unpublished at the report's as-of, or were
-- published after it, although the incident resolved more than postmortem.deadline before as-of.
-- The report's --as-of decides, not the transform's.
-- Parameters: as_of (epoch seconds), deadline (seconds).
SELECT
  reference, title, severity, resolved_at,
  (${as_of} - unix_seconds(resolved_at) - ${deadline}) / 86400 AS days_overdue
FROM incident_facts
WHERE pm_required AND resolved_at IS NOT NULL
  AND (postmortem_published_at IS NULL OR unix_seconds(postmortem_published_at) > ${as_of})
  AND unix_seconds(resolved_at) + ${deadline} < ${as_of}
ORDER BY resolved_at, reference
