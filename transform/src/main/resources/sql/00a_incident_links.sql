-- incident_links: every key that a source's rows carry in incident_id, mapped to one canonical
-- incident. Sources never link to each other at ingest: each keeps its own keys, and this step
-- links them, so the order and grouping of ingests never change the result.
--   Incidents: the incidents of the incident tools (every source but statuspage) that share an
--   incident_number are one incident; its id is the member's of the highest source precedence
--   (${incident_precedence}), match number; the winner itself has match self, as has an incident
--   without a number. An incident of another tool than the primary one (${primary_source}) whose
--   own number links nothing and whose title carries the incident tool's reference (INC-42,
--   incident-42) is that incident (match reference), as PagerDuty incidents opened from the
--   incident tool are titled. A statuspage incident mirrors the one canonical incident with the same title
--   (case and spaces ignored) reported within ${title_window_s} s (match title_window); with no or
--   several candidates it stands alone (self).
--   Chat channels (<source>:channel:<id>, from chat_messages): by the incident's chat channel id
--   (channel_id), else its channel name (channel_name), else the number in the channel name by the
--   pattern linking.channel-pattern (channel_pattern).
--   References (<source>:ref:<number>: Jira labels and links, post-mortem front matter): by the
--   incident number (reference). A key that links to nothing is kept with match none.
WITH ranked AS (
  SELECT incident_id, source, incident_number, title, reported_at,
    concat(CAST(100 + ${incident_precedence} AS STRING), incident_id) AS precedence_key
  FROM incidents
),
by_number AS (
  SELECT incident_number, min_by(incident_id, precedence_key) AS canonical_id
  FROM ranked WHERE source <> 'statuspage' AND incident_number IS NOT NULL
  GROUP BY incident_number
),
titled AS (
  SELECT r.*,
    CASE WHEN r.source <> ${primary_source}
         THEN try_cast(regexp_extract(coalesce(r.title, ''), '(?i)(?:^|[^a-z0-9])inc(?:ident)?-([0-9]+)', 1) AS BIGINT) END AS title_number
  FROM ranked r
),
tool_links AS (
  SELECT r.incident_id AS source_key, r.source,
    CASE WHEN n.canonical_id IS NOT NULL AND n.canonical_id <> r.incident_id THEN n.canonical_id
         WHEN t.canonical_id IS NOT NULL AND t.canonical_id <> r.incident_id THEN t.canonical_id
         ELSE r.incident_id END AS canonical_id,
    CASE WHEN n.canonical_id IS NOT NULL AND n.canonical_id <> r.incident_id THEN 'number'
         WHEN t.canonical_id IS NOT NULL AND t.canonical_id <> r.incident_id THEN 'reference'
         ELSE 'self' END AS match
  FROM titled r
  LEFT JOIN by_number n ON n.incident_number = r.incident_number
  LEFT JOIN by_number t ON t.incident_number = r.title_number
  WHERE r.source <> 'statuspage'
),
canonical AS (
  SELECT r.incident_id, r.title, r.reported_at, r.incident_number
  FROM ranked r JOIN tool_links t ON t.source_key = r.incident_id AND t.match = 'self'
),
status_candidates AS (
  SELECT s.incident_id AS source_key, c.incident_id AS canonical_id
  FROM ranked s JOIN canonical c
    ON regexp_replace(lower(trim(c.title)), ' +', ' ') = regexp_replace(lower(trim(s.title)), ' +', ' ')
   AND abs(unix_seconds(c.reported_at) - unix_seconds(s.reported_at)) <= ${title_window_s}
  WHERE s.source = 'statuspage'
),
status_matches AS (
  SELECT source_key, min(canonical_id) AS canonical_id FROM status_candidates
  GROUP BY source_key HAVING count(DISTINCT canonical_id) = 1
),
status_links AS (
  SELECT s.incident_id AS source_key, s.source, coalesce(m.canonical_id, s.incident_id) AS canonical_id,
    CASE WHEN m.canonical_id IS NULL THEN 'self' ELSE 'title_window' END AS match
  FROM ranked s LEFT JOIN status_matches m ON m.source_key = s.incident_id
  WHERE s.source = 'statuspage'
),
incident_keys AS (
  SELECT source_key, source, 'incident' AS entity, canonical_id, match FROM tool_links
  UNION ALL SELECT source_key, source, 'incident' AS entity, canonical_id, match FROM status_links
),
members AS (
  SELECT i.incident_id, k.canonical_id, i.chat_channel_id, i.chat_channel_name
  FROM incidents i JOIN incident_keys k ON k.source_key = i.incident_id
),
by_channel_id AS (
  SELECT chat_channel_id, min(canonical_id) AS canonical_id FROM members
  WHERE chat_channel_id IS NOT NULL GROUP BY chat_channel_id
),
by_channel_name AS (
  SELECT lower(chat_channel_name) AS channel_name, min(canonical_id) AS canonical_id FROM members
  WHERE chat_channel_name IS NOT NULL GROUP BY lower(chat_channel_name)
),
channels AS (
  SELECT incident_id AS source_key, min(source) AS source, min(channel_id) AS channel_id,
    max(channel_name) AS channel_name
  FROM chat_messages WHERE incident_id IS NOT NULL GROUP BY incident_id
),
channel_numbers AS (
  SELECT c.*, regexp_extract(coalesce(c.channel_name, ''), ${channel_pattern}, 1) AS number_text FROM channels c
),
channel_links AS (
  SELECT c.source_key, c.source, 'channel' AS entity,
    coalesce(i.canonical_id, n.canonical_id, b.canonical_id) AS canonical_id,
    CASE WHEN i.canonical_id IS NOT NULL THEN 'channel_id'
         WHEN n.canonical_id IS NOT NULL THEN 'channel_name'
         WHEN b.canonical_id IS NOT NULL THEN 'channel_pattern'
         ELSE 'none' END AS match
  FROM channel_numbers c
  LEFT JOIN by_channel_id i ON i.chat_channel_id = c.channel_id
  LEFT JOIN by_channel_name n ON n.channel_name = lower(c.channel_name)
  LEFT JOIN by_number b ON b.incident_number = try_cast(c.number_text AS BIGINT)
),
reference_keys AS (
  SELECT DISTINCT incident_id AS source_key, source FROM action_items WHERE incident_id LIKE '%:ref:%'
  UNION SELECT DISTINCT incident_id AS source_key, source FROM timeline_events WHERE incident_id LIKE '%:ref:%'
),
reference_links AS (
  SELECT r.source_key, r.source, 'reference' AS entity, b.canonical_id,
    CASE WHEN b.canonical_id IS NULL THEN 'none' ELSE 'reference' END AS match
  FROM reference_keys r
  LEFT JOIN by_number b ON b.incident_number = try_cast(substr(r.source_key, instr(r.source_key, ':ref:') + 5) AS BIGINT)
)
SELECT source_key, source, entity, canonical_id AS incident_id, match FROM incident_keys
UNION ALL SELECT source_key, source, entity, canonical_id AS incident_id, match FROM channel_links
UNION ALL SELECT source_key, source, entity, canonical_id AS incident_id, match FROM reference_links
