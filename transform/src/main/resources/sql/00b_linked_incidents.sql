-- linked_incidents: one row per canonical incident (incident_links), with the columns of
-- incidents. Each column takes the value of the member of the highest source precedence that has
-- one (${incident_precedence}): the incident tool wins for severity, status, roles, title and its
-- recorded milestones, and another tool's value fills only what it leaves empty. A Statuspage
-- mirror (match title_window) adds its customer updates to the timeline but none of its fields:
-- its clock is the customer-facing one.
WITH ranked AS (
  SELECT i.*, concat(CAST(100 + ${incident_precedence} AS STRING), i.incident_id) AS precedence_key
  FROM incidents i
),
members AS (
  SELECT r.*, l.incident_id AS canonical_id
  FROM ranked r JOIN incident_links l ON l.source_key = r.incident_id
  WHERE l.match <> 'title_window'
)
SELECT canonical_id AS incident_id,
${incident_merge_columns},
  CAST(count(*) AS BIGINT) AS member_incidents
FROM members
GROUP BY canonical_id
