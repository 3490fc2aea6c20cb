-- linked_action_items: one row per canonical action item (action_item_links), with the columns of
-- action_items. Per field, the tracker wins (${action_item_precedence}): status, owner, due date,
-- dates, title; the incident link is the incident tool's when it has one, else the tracker's (a
-- Jira label), mapped to the canonical incident (incident_links). The owner is the canonical
-- person's display name (person_aliases) when the owner string names one.
WITH ranked AS (
  SELECT a.*, concat(CAST(100 + ${action_item_precedence} AS STRING), a.action_item_id) AS precedence_key,
    CASE WHEN a.source = 'jira' THEN 2 ELSE 1 END AS link_rank
  FROM action_items a
),
members AS (
  SELECT r.*, k.canonical_action_item_id, il.incident_id AS canonical_incident_id,
    concat(CAST(r.link_rank AS STRING), r.action_item_id) AS link_key
  FROM ranked r
  JOIN action_item_links k ON k.action_item_id = r.action_item_id
  LEFT JOIN incident_links il ON il.source_key = r.incident_id
),
merged AS (
  SELECT canonical_action_item_id AS action_item_id,
${action_item_merge_columns},
    min_by(canonical_incident_id, link_key) FILTER (WHERE canonical_incident_id IS NOT NULL) AS canonical_incident_id
  FROM members GROUP BY canonical_action_item_id
)
SELECT m.action_item_id, m.canonical_incident_id AS incident_id, m.title,
  coalesce(pa.display_name, m.owner) AS owner, pa.canonical_person_id AS owner_person_id,
  m.due_date, m.status, m.original_status, m.created_at, m.completed_at, m.tracker_key,
  m.tracker_url, m.priority, m.source
FROM merged m LEFT JOIN person_aliases pa ON pa.alias = lower(trim(m.owner))
