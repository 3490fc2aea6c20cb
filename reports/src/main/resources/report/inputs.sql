-- inputs: the files each source contributed over every ingest run (ingest_runs), for the
-- report's provenance line.
SELECT source, sum(files) AS files, max(finished_at) AS last_finished
FROM ingest_runs
GROUP BY source
ORDER BY source
