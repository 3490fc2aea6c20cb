-- linked_events: every timeline event under its canonical incident (incident_links). Events whose
-- key links to no incident are left out here and stay in timeline_events.
SELECT e.event_id, l.incident_id, e.occurred_at, e.kind, e.actor, e.text, e.source, e.origin_id, e.attributes
FROM timeline_events e JOIN incident_links l ON l.source_key = e.incident_id
WHERE l.incident_id IS NOT NULL
