-- person_identities: one canonical person per human, across every tool's people rows. Rules, in
-- order: (1) the same email, case-insensitive (Slack profile.email, PagerDuty, incident.io and
-- Jira emailAddress), match email; (2) an id the tools themselves cross-reference: a person
-- without an email whose slack_user_id is that of a person with one (incident.io's user carries
-- the Slack id), match slack_user_id; (3) last, the case-insensitive normalised name, when exactly
-- one emailed person carries it, else the people of that name without email are one person,
-- match name. Two people with the same name and different emails stay two. The display name is
-- the name given by the tool of the highest precedence (${person_precedence}), never the email.
WITH p AS (
  SELECT person_id,
    coalesce(source, substr(person_id, 1, instr(person_id, ':') - 1)) AS source,
    name, lower(trim(email)) AS email_key,
    slack_user_id,
    regexp_replace(lower(trim(name)), ' +', ' ') AS name_key
  FROM people
),
slack_emails AS (
  SELECT slack_user_id, min(email_key) AS email_key FROM p
  WHERE slack_user_id IS NOT NULL AND email_key IS NOT NULL GROUP BY slack_user_id
  HAVING count(DISTINCT email_key) = 1
),
keyed AS (
  SELECT p.*, coalesce(p.email_key, s.email_key) AS resolved_email,
    CASE WHEN p.email_key IS NOT NULL THEN 'email' WHEN s.email_key IS NOT NULL THEN 'slack_user_id' END AS email_match
  FROM p LEFT JOIN slack_emails s ON s.slack_user_id = p.slack_user_id
),
name_emails AS (
  SELECT name_key, min(resolved_email) AS resolved_email FROM keyed
  WHERE resolved_email IS NOT NULL GROUP BY name_key HAVING count(DISTINCT resolved_email) = 1
),
resolved AS (
  SELECT k.person_id, k.source, k.name,
    CASE WHEN k.resolved_email IS NOT NULL THEN 'person:email:' || k.resolved_email
         WHEN n.resolved_email IS NOT NULL THEN 'person:email:' || n.resolved_email
         ELSE 'person:name:' || k.name_key END AS canonical_person_id,
    coalesce(k.resolved_email, n.resolved_email) AS email,
    coalesce(k.email_match, 'name') AS match
  FROM keyed k LEFT JOIN name_emails n ON n.name_key = k.name_key
),
ranked AS (
  SELECT r.*, concat(CAST(100 + ${person_precedence} AS STRING), r.person_id) AS precedence_key FROM resolved r
),
names AS (
  SELECT canonical_person_id, min_by(name, precedence_key) AS display_name FROM ranked GROUP BY canonical_person_id
)
SELECT r.person_id, r.source, r.canonical_person_id, n.display_name, r.email, r.match
FROM ranked r JOIN names n ON n.canonical_person_id = r.canonical_person_id
