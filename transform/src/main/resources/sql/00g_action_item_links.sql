-- action_item_links: an incident tool's follow-up that points to a tracker issue (its
-- tracker_key, such as OPS-12, equals a Jira item's) is the same item as that issue: the canonical
-- item is the Jira one (match tracker_key). Every other item is its own (self).
WITH jira AS (
  SELECT tracker_key, min(action_item_id) AS canonical_id FROM action_items
  WHERE source = 'jira' AND tracker_key IS NOT NULL GROUP BY tracker_key
)
SELECT a.action_item_id, a.source,
  CASE WHEN a.source <> 'jira' AND j.canonical_id IS NOT NULL THEN j.canonical_id ELSE a.action_item_id END AS canonical_action_item_id,
  CASE WHEN a.source <> 'jira' AND j.canonical_id IS NOT NULL THEN 'tracker_key' ELSE 'self' END AS match
FROM action_items a LEFT JOIN jira j ON j.tracker_key = a.tracker_key
