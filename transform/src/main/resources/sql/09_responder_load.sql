-- responder_load: one row per (month, responder). Every page counts, including the pages of
-- excluded incidents (a game-day page still wakes someone). pages: every notification on any
-- channel. interruptions: pages other than email, where a page within ${merge_seconds} s of the
-- responder's previous one is the same interruption. Interruptions are split by the local time of
-- their first page in the responder's timezone (people.timezone, matched by email or name), else
-- ${report_timezone}: sleep_hours ${sleep_start_hour}:00 to ${sleep_end_hour}:00 every day;
-- business_hours Monday to Friday ${business_start_hour}:00 to ${business_end_hour}:00; off_hours
-- the rest (weekday evenings and weekends outside sleep hours). incidents_led and sev1_led count
-- counted incidents by the month of reported_at and their lead.
WITH zones AS (
  SELECT lower(key) AS key, min(timezone) AS timezone FROM (
    SELECT email AS key, timezone FROM people WHERE email IS NOT NULL AND timezone IS NOT NULL
    UNION ALL SELECT name AS key, timezone FROM people WHERE timezone IS NOT NULL
  ) keys GROUP BY lower(key)
),
interruptible AS (
  SELECT p.responder, p.paged_at, coalesce(z.timezone, '${report_timezone}') AS timezone,
    lag(p.paged_at) OVER (PARTITION BY p.responder ORDER BY p.paged_at, p.page_id) AS previous_at
  FROM pages p LEFT JOIN zones z ON z.key = lower(p.responder)
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
  SELECT month_of(paged_at) AS month, responder, count(*) AS pages FROM pages GROUP BY month_of(paged_at), responder
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
  SELECT month, lead AS responder, count(*) AS incidents_led, count(*) FILTER (WHERE severity = 'SEV1') AS sev1_led
  FROM incident_facts WHERE counted AND lead IS NOT NULL GROUP BY month, lead
),
grid AS (
  SELECT month, responder FROM page_counts UNION SELECT month, responder FROM led
)
SELECT g.month, g.responder,
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
