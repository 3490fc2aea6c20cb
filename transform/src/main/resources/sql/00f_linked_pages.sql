-- linked_pages: every page, its incident key mapped to the canonical incident (incident_links);
-- a page of no known incident keeps a null incident and still counts as on-call load.
SELECT p.page_id, l.incident_id, p.responder, p.channel, p.paged_at, p.acknowledged_at, p.escalation_level
FROM pages p LEFT JOIN incident_links l ON l.source_key = p.incident_id
