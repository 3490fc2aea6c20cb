-- open_incidents: counted incidents reported by the report's as-of and not resolved by it.
-- Parameters: as_of (epoch seconds).
SELECT reference, title, severity, reported_at
FROM incident_facts
WHERE counted AND unix_seconds(reported_at) <= ${as_of}
  AND (resolved_at IS NULL OR unix_seconds(resolved_at) > ${as_of})
ORDER BY reported_at, reference
