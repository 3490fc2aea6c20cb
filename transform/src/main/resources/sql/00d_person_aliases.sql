-- person_aliases: the strings by which tools name a person in their records (an email, a display
-- or real name, a chat handle, with or without @), each mapped to the canonical person when it
-- names exactly one. Pages' responders, role assignees and owners resolve through it; a string
-- that names nobody known, or several people, stays a person of its own (person:name:<string>).
WITH aliases AS (
  SELECT lower(trim(p.email)) AS alias, i.canonical_person_id FROM people p JOIN person_identities i ON i.person_id = p.person_id WHERE p.email IS NOT NULL
  UNION ALL SELECT regexp_replace(lower(trim(p.name)), ' +', ' ') AS alias, i.canonical_person_id FROM people p JOIN person_identities i ON i.person_id = p.person_id
  UNION ALL SELECT lower(trim(p.handle)) AS alias, i.canonical_person_id FROM people p JOIN person_identities i ON i.person_id = p.person_id WHERE p.handle IS NOT NULL
  UNION ALL SELECT '@' || lower(trim(p.handle)) AS alias, i.canonical_person_id FROM people p JOIN person_identities i ON i.person_id = p.person_id WHERE p.handle IS NOT NULL
  UNION ALL SELECT lower(p.slack_user_id) AS alias, i.canonical_person_id FROM people p JOIN person_identities i ON i.person_id = p.person_id WHERE p.slack_user_id IS NOT NULL
),
unique_aliases AS (
  SELECT alias, min(canonical_person_id) AS canonical_person_id FROM aliases
  GROUP BY alias HAVING count(DISTINCT canonical_person_id) = 1
)
SELECT u.alias, u.canonical_person_id, d.display_name
FROM unique_aliases u
JOIN (SELECT canonical_person_id, min(display_name) AS display_name FROM person_identities GROUP BY canonical_person_id) d
  ON d.canonical_person_id = u.canonical_person_id
