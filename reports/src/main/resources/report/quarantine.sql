-- quarantine: records ingest rejected, per source and error code, over every ingest
-- (data_quality quarantine rows).
SELECT source, error_code, sum(quarantined) AS records
FROM data_quality
WHERE check_kind = 'quarantine'
GROUP BY 1, 2
ORDER BY 1, 2
