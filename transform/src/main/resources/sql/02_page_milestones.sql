-- page_milestones: per incident, the first notification to a human and the first acknowledgement
-- of a page. A page that was never acknowledged has no acknowledgement: a resolve or close is never
-- taken for one.
SELECT
  incident_id,
  min(paged_at) AS first_page_at,
  min(acknowledged_at) AS first_page_acknowledged_at
FROM linked_pages
WHERE incident_id IS NOT NULL
GROUP BY incident_id
