-- overdue_action_items: action items open at the report's as-of (not done, or completed after it;
-- never won't-do) whose due date is before the as-of date, oldest due date first.
-- Parameters: as_of (epoch seconds).
SELECT a.action_item_id, f.reference, a.owner, a.due_date, a.title
FROM action_item_facts a
LEFT JOIN incident_facts f ON f.incident_id = a.incident_id
WHERE a.due_date IS NOT NULL AND a.status <> 'wont_do'
  AND (a.status <> 'done' OR a.completed_at IS NULL OR unix_seconds(a.completed_at) > ${as_of})
  AND unix_seconds(CAST(a.due_date AS TIMESTAMP)) + 86400 <= ${as_of}
  AND unix_seconds(a.created_at) <= ${as_of}
ORDER BY a.due_date, a.action_item_id
