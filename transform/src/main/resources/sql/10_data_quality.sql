-- data_quality: per month (of reported_at) and milestone, the share of incidents whose value was
-- explicit, came from a fallback, or is missing, with the month's count of incidents whose
-- milestones the clamp reordered and of imputed phases; and per month (of ingestion), source and
-- error code, the records ingest quarantined.
WITH provenance AS (
${provenance_union}
),
month_totals AS (
  SELECT month, count(*) AS incidents,
    count(*) FILTER (WHERE milestones_reordered) AS reordered,
    sum(imputed_phases) AS imputed
  FROM incident_facts GROUP BY month
)
SELECT p.month, 'milestone' AS check_kind, p.milestone, '' AS source, '' AS error_code,
  CAST(count(*) AS BIGINT) AS incidents,
  CAST(count(*) FILTER (WHERE p.provenance = 'explicit') AS DOUBLE) / count(*) AS explicit_pct,
  CAST(count(*) FILTER (WHERE p.provenance LIKE 'fallback:%') AS DOUBLE) / count(*) AS fallback_pct,
  CAST(count(*) FILTER (WHERE p.provenance = 'missing') AS DOUBLE) / count(*) AS missing_pct,
  CAST(min(t.reordered) AS BIGINT) AS milestones_reordered,
  CAST(min(t.imputed) AS BIGINT) AS imputed_phases,
  CAST(NULL AS BIGINT) AS quarantined
FROM provenance p JOIN month_totals t ON t.month = p.month
GROUP BY p.month, p.milestone
UNION ALL
SELECT month_of(ingested_at) AS month, 'quarantine' AS check_kind, '' AS milestone, source, error_code,
  CAST(NULL AS BIGINT) AS incidents, CAST(NULL AS DOUBLE) AS explicit_pct, CAST(NULL AS DOUBLE) AS fallback_pct,
  CAST(NULL AS DOUBLE) AS missing_pct, CAST(NULL AS BIGINT) AS milestones_reordered, CAST(NULL AS BIGINT) AS imputed_phases,
  CAST(count(*) AS BIGINT) AS quarantined
FROM quarantine GROUP BY month_of(ingested_at), source, error_code
