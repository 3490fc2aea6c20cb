-- responder_load: one row per (month, responder). Every page counts, including the pages of
-- excluded incidents (a game-day page still wakes someone). pages: every notification on any
-- channel. interruptions: pages other than email, where a page within ${merge_seconds} s of the
-- responder's previous one is the same interruption. Interruptions are split by the local time of
-- their first page in the responder's timezone (people.timezone, matched by email or name), else
-- ${report_timezone}: sleep_hours ${sleep_start_hour}:00 to ${sleep_end_hour}:00 every day;
-- business_hours Monday to Friday ${business_start_hour}:00 to ${business_end_hour}:00; off_hours
-- the rest (weekday evenings and weekends outside sleep hours). incidents_led and sev1_led count
-- counted incidents by the month of reported_at and their lead. A responder is the canonical
-- person (person_identities, through person_aliases): the same human paged by PagerDuty and named
-- in Slack is one row, shown by display name; a responder string that names nobody known is a
-- person of its own. The timezone is the first a tool of that person gives.
WITH zones AS (
  SELECT i.canonical_person_id, min(p.timezone) AS timezone
  FROM people p JOIN person_identities i ON i.person_id = p.person_id
  WHERE p.timezone IS NOT NULL GROUP BY i.canonical_person_id
),
resolved_pages AS (
  SELECT p.page_id, p.paged_at, p.channel,
    coalesce(a.canonical_person_id, 'person:name:' || regexp_replace(lower(trim(p.responder)), ' +', ' ')) AS person_id,
    coalesce(a.display_name, p.responder) AS responder
  FROM pages p LEFT JOIN person_aliases a ON a.alias = lower(trim(p.responder))
),
interruptible AS (
  SELECT p.person_id AS responder, p.paged_at, coalesce(z.timezone, '${report_timezone}') AS timezone,
    lag(p.paged_at) OVER (PARTITION BY p.person_id ORDER BY p.paged_at, p.page_id) AS previous_at
  FROM resolved_pages p LEFT JOIN zones z ON z.canonical_person_id = p.person_id
  WHERE p.channel <> 'email'
),
interruptions AS (
  SELECT responder, paged_at, timezone,
    local_hour(paged_at, timezone) AS hour,
    local_isodow(paged_at, timezone) AS weekday
  FROM interruptible
  WHERE previous_at IS NULL OR unix_seconds(paged_at) - unix_seconds(previous_at) > ${merge_seconds}
),
page_counts AS (
  SELECT month_of(paged_at) AS month, person_id AS responder, count(*) AS pages FROM resolved_pages GROUP BY month_of(paged_at), person_id
),
interruption_counts AS (
  SELECT month_of(paged_at) AS month, responder,
    count(*) AS interruptions,
    count(*) FILTER (WHERE NOT (${sleep_condition}) AND weekday <= 5 AND hour >= ${business_start_hour} AND hour < ${business_end_hour}) AS business_hours,
    count(*) FILTER (WHERE NOT (${sleep_condition}) AND NOT (weekday <= 5 AND hour >= ${business_start_hour} AND hour < ${business_end_hour})) AS off_hours,
    count(*) FILTER (WHERE ${sleep_condition}) AS sleep_hours
  FROM interruptions GROUP BY month_of(paged_at), responder
),
led AS (
  SELECT month, lead_person_id AS responder, count(*) AS incidents_led, count(*) FILTER (WHERE severity = 'SEV1') AS sev1_led
  FROM incident_facts WHERE counted AND lead_person_id IS NOT NULL GROUP BY month, lead_person_id
),
names AS (
  SELECT person_id, min(responder) AS display_name FROM resolved_pages GROUP BY person_id
  UNION SELECT lead_person_id AS person_id, min(lead) AS display_name FROM incident_facts WHERE lead_person_id IS NOT NULL GROUP BY lead_person_id
),
display AS (SELECT person_id, min(display_name) AS display_name FROM names GROUP BY person_id),
grid AS (
  SELECT month, responder FROM page_counts UNION SELECT month, responder FROM led
)
SELECT g.month, g.responder AS person_id, coalesce(n.display_name, g.responder) AS responder,
  CAST(coalesce(p.pages, 0) AS BIGINT) AS pages,
  CAST(coalesce(i.interruptions, 0) AS BIGINT) AS interruptions,
  CAST(coalesce(i.business_hours, 0) AS BIGINT) AS business_hours,
  CAST(coalesce(i.off_hours, 0) AS BIGINT) AS off_hours,
  CAST(coalesce(i.sleep_hours, 0) AS BIGINT) AS sleep_hours,
  CAST(coalesce(l.incidents_led, 0) AS BIGINT) AS incidents_led,
  CAST(coalesce(l.sev1_led, 0) AS BIGINT) AS sev1_led
FROM grid g
LEFT JOIN page_counts p ON p.month = g.month AND p.responder = g.responder
LEFT JOIN interruption_counts i ON i.month = g.month AND i.responder = g.responder
LEFT JOIN led l ON l.month = g.month AND l.responder = g.responder
LEFT JOIN display n ON n.person_id = g.responder
