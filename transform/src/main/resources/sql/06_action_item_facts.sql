-- action_item_facts: one row per action item. It belongs to the month of its created_at (in
-- ${report_timezone}). tracked: it has both an owner and a due date. overdue: still open and its
-- due date is before as_of. days_to_complete: completed_at - created_at, in days, for done items.
-- severity and team come from the linked incident. One row per canonical item
-- (linked_action_items): a follow-up and the Jira issue it points to are one item.
SELECT
  a.action_item_id,
  a.incident_id,
  month_of(a.created_at) AS month,
  a.title,
  a.owner,
  a.due_date,
  a.status,
  a.created_at,
  a.completed_at,
  (a.owner IS NOT NULL AND a.due_date IS NOT NULL) AS tracked,
  (a.status = 'open' AND a.due_date IS NOT NULL AND a.due_date < as_of_date()) AS overdue,
  CASE WHEN a.status = 'done' AND a.completed_at IS NOT NULL
       THEN CAST(unix_seconds(a.completed_at) - unix_seconds(a.created_at) AS DOUBLE) / 86400.0 END AS days_to_complete,
  f.severity,
  first_of(f.teams) AS team
FROM linked_action_items a
LEFT JOIN incident_facts f ON f.incident_id = a.incident_id
