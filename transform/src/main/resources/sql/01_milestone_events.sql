-- milestone_events: per incident, the milestones the timeline records as events.
-- Role assignments marked current=true carry no time (incident.io's current roles) and never
-- become a milestone. The lead is the first incident-lead assignment; the other roles are the
-- technical lead, communications lead and scribe. "Identified" is the first status change named
-- identified; "mitigated" the first named monitoring, mitigated or fixed; "resolved" the last
-- transition to resolved (a reopened incident resolves when it resolves for the final time).
SELECT
  incident_id,
  min(occurred_at) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] = 'lead' AND coalesce(attributes['current'], 'false') <> 'true') AS lead_assigned_at,
  min(occurred_at) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] IN ('tech-lead', 'tech_lead', 'technical-lead') AND coalesce(attributes['current'], 'false') <> 'true') AS tech_lead_assigned_at,
  min(occurred_at) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] IN ('comms', 'communications', 'comms-lead') AND coalesce(attributes['current'], 'false') <> 'true') AS comms_assigned_at,
  min(occurred_at) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] = 'scribe' AND coalesce(attributes['current'], 'false') <> 'true') AS scribe_assigned_at,
  min(occurred_at) FILTER (WHERE kind = 'status_changed' AND lower(attributes['status']) = 'identified') AS identified_event_at,
  min(occurred_at) FILTER (WHERE kind = 'status_changed' AND lower(attributes['status']) IN ('monitoring', 'mitigated', 'fixed')) AS mitigated_event_at,
  max(occurred_at) FILTER (WHERE kind = 'resolved' OR (kind = 'status_changed' AND attributes['canonical_status'] = 'resolved')) AS resolved_event_at,
  min(occurred_at) FILTER (WHERE kind = 'status_changed' AND attributes['canonical_status'] = 'closed') AS closed_event_at,
  min(occurred_at) FILTER (WHERE kind = 'paged') AS trigger_at,
  min(occurred_at) FILTER (WHERE kind = 'acknowledged') AS acknowledged_event_at,
  min(occurred_at) FILTER (WHERE kind = 'milestone' AND attributes['name'] = 'postmortem_published') AS postmortem_event_at,
  min_by(attributes['assignee'], occurred_at) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] = 'lead' AND coalesce(attributes['current'], 'false') <> 'true') AS first_lead,
  min(attributes['assignee']) FILTER (WHERE kind = 'role_assigned' AND attributes['role'] = 'lead' AND attributes['current'] = 'true') AS current_lead
FROM linked_events
WHERE incident_id IS NOT NULL
GROUP BY incident_id
