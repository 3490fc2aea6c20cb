-- incident_facts: one row per incident, counted or not (METRICS.md sections 1-3).
-- Each milestone X_at has X_source: explicit (recorded by a source system, as a field or as an
-- event; a field wins over an event), fallback:<rule>, or missing.
--   impact_started_at: explicit, else earliest linked alert (fallback:earliest_alert), else
--     reported_at (fallback:reported). detected_at: the same chain.
--   paged_at: the PagerDuty trigger, else the first notification to a human (fallback:first_page).
--   acknowledged_at: first acknowledgement of a page; never the resolve or close time.
--   assembled_at: first incident-lead assignment. mitigated_at: else resolved_at
--   (fallback:resolved). resolved_at: the incident tool's field, else the last resolve event.
-- Monotonic clamp: p0 = effective_start_at, p1 = reported, p2 = assembled, p3 = identified,
-- p4 = mitigated, p5 = resolved. A missing p2 or p3 takes the next present point (its phase is 0
-- and counts in imputed_phases, as does a mitigated_at that fell back to resolved_at); then each
-- p_i = max(p_i, p_i-1), and milestones_reordered is true when any point moved.
-- Durations are whole seconds: time_to_detect_s = detected - impact start (only when impact start
-- is explicit and the result is not negative); time_to_acknowledge_s = acknowledged - paged;
-- time_to_mitigate_s = p4 - p0; time_to_resolve_s = p5 - p0; phases p1-p0 ... p5-p4 (resolved
-- incidents only), so the phases always sum to time_to_resolve_s.
-- lead_assigned_within_5m: assembled - reported <= ${lead_seconds} s; all_roles_within_5m: lead,
-- technical lead, comms lead and scribe all within ${roles_seconds} s of reported_at.
-- Counted: mode real and status not declined, merged, canceled or duplicate. Month: of reported_at
-- in ${report_timezone}. pm_required: counted and severity in (${pm_severities}).
-- One row per canonical incident (linked_incidents): the events, pages and alerts of every tool
-- that reported it count together. lead: the first lead assignee, as the canonical person's
-- display name (person_aliases; lead_person_id is the person).
WITH linked AS (
  SELECT incident_id, min(fired_at) AS first_alert_at, count(*) AS linked_alerts
  FROM alert_links WHERE incident_id IS NOT NULL GROUP BY incident_id
),
base AS (
  SELECT i.*,
    m.lead_assigned_at, m.tech_lead_assigned_at, m.comms_assigned_at, m.scribe_assigned_at,
    m.identified_event_at, m.mitigated_event_at, m.resolved_event_at, m.closed_event_at,
    m.trigger_at, m.acknowledged_event_at, m.postmortem_event_at, m.first_lead, m.current_lead,
    p.first_page_at, p.first_page_acknowledged_at,
    l.first_alert_at, coalesce(l.linked_alerts, 0) AS linked_alert_count
  FROM linked_incidents i
  LEFT JOIN milestone_events m ON m.incident_id = i.incident_id
  LEFT JOIN page_milestones p ON p.incident_id = i.incident_id
  LEFT JOIN linked l ON l.incident_id = i.incident_id
),
milestones AS (
  SELECT b.*,
    coalesce(b.impact_started_at, b.first_alert_at, b.reported_at) AS x_impact_started_at,
    CASE WHEN b.impact_started_at IS NOT NULL THEN 'explicit' WHEN b.first_alert_at IS NOT NULL THEN 'fallback:earliest_alert' ELSE 'fallback:reported' END AS x_impact_started_source,
    coalesce(b.detected_at, b.first_alert_at, b.reported_at) AS x_detected_at,
    CASE WHEN b.detected_at IS NOT NULL THEN 'explicit' WHEN b.first_alert_at IS NOT NULL THEN 'fallback:earliest_alert' ELSE 'fallback:reported' END AS x_detected_source,
    coalesce(b.trigger_at, b.first_page_at) AS x_paged_at,
    CASE WHEN b.trigger_at IS NOT NULL THEN 'explicit' WHEN b.first_page_at IS NOT NULL THEN 'fallback:first_page' ELSE 'missing' END AS x_paged_source,
    CASE WHEN b.acknowledged_event_at IS NULL THEN b.first_page_acknowledged_at
         WHEN b.first_page_acknowledged_at IS NULL THEN b.acknowledged_event_at
         ELSE least(b.acknowledged_event_at, b.first_page_acknowledged_at) END AS x_acknowledged_at,
    b.lead_assigned_at AS x_assembled_at,
    coalesce(b.identified_at, b.identified_event_at) AS x_identified_at,
    coalesce(b.resolved_at, b.resolved_event_at) AS x_resolved_at,
    coalesce(b.closed_at, b.closed_event_at) AS x_closed_at,
    coalesce(b.postmortem_published_at, b.postmortem_event_at) AS x_postmortem_published_at
  FROM base b
),
mitigation AS (
  SELECT m.*,
    coalesce(m.mitigated_at, m.mitigated_event_at, m.x_resolved_at) AS x_mitigated_at,
    CASE WHEN m.mitigated_at IS NOT NULL OR m.mitigated_event_at IS NOT NULL THEN 'explicit' WHEN m.x_resolved_at IS NOT NULL THEN 'fallback:resolved' ELSE 'missing' END AS x_mitigated_source
  FROM milestones m
),
imputed AS (
  SELECT t.*,
    t.x_impact_started_at AS p0,
    t.reported_at AS p1,
    coalesce(t.x_assembled_at, t.x_identified_at, t.x_mitigated_at, t.x_resolved_at) AS p2,
    coalesce(t.x_identified_at, t.x_mitigated_at, t.x_resolved_at) AS p3,
    t.x_mitigated_at AS p4,
    t.x_resolved_at AS p5,
    (CASE WHEN t.x_assembled_at IS NULL AND coalesce(t.x_identified_at, t.x_mitigated_at, t.x_resolved_at) IS NOT NULL THEN 1 ELSE 0 END)
      + (CASE WHEN t.x_identified_at IS NULL AND coalesce(t.x_mitigated_at, t.x_resolved_at) IS NOT NULL THEN 1 ELSE 0 END)
      + (CASE WHEN t.x_mitigated_source = 'fallback:resolved' THEN 1 ELSE 0 END) AS imputed_phase_count
  FROM mitigation t
),
clamp1 AS (SELECT t.*, greatest(t.p1, t.p0) AS c1 FROM imputed t),
clamp2 AS (SELECT t.*, CASE WHEN t.p2 IS NULL THEN NULL ELSE greatest(t.p2, t.c1) END AS c2 FROM clamp1 t),
clamp3 AS (SELECT t.*, CASE WHEN t.p3 IS NULL THEN NULL ELSE greatest(t.p3, coalesce(t.c2, t.c1)) END AS c3 FROM clamp2 t),
clamp4 AS (SELECT t.*, CASE WHEN t.p4 IS NULL THEN NULL ELSE greatest(t.p4, coalesce(t.c3, t.c2, t.c1)) END AS c4 FROM clamp3 t),
clamp5 AS (SELECT t.*, CASE WHEN t.p5 IS NULL THEN NULL ELSE greatest(t.p5, coalesce(t.c4, t.c3, t.c2, t.c1)) END AS c5 FROM clamp4 t)
SELECT
  incident_id,
  incident_number,
  reference,
  title,
  source,
  severity,
  services,
  teams,
  incident_type,
  mode,
  status,
  month_of(reported_at) AS month,
  CASE WHEN x_resolved_at IS NULL THEN NULL ELSE month_of(x_resolved_at) END AS resolved_month,
  (mode = 'real' AND status NOT IN ('declined', 'merged', 'canceled', 'duplicate')) AS counted,
  CASE WHEN mode <> 'real' THEN 'mode:' || mode
       WHEN status IN ('declined', 'merged', 'canceled', 'duplicate') THEN 'status:' || status
       ELSE NULL END AS exclusion_reason,
  x_impact_started_at AS impact_started_at, x_impact_started_source AS impact_started_source,
  x_detected_at AS detected_at, x_detected_source AS detected_source,
  reported_at, 'explicit' AS reported_source,
  x_paged_at AS paged_at, x_paged_source AS paged_source,
  x_acknowledged_at AS acknowledged_at, CASE WHEN x_acknowledged_at IS NULL THEN 'missing' ELSE 'explicit' END AS acknowledged_source,
  x_assembled_at AS assembled_at, CASE WHEN x_assembled_at IS NULL THEN 'missing' ELSE 'explicit' END AS assembled_source,
  x_identified_at AS identified_at, CASE WHEN x_identified_at IS NULL THEN 'missing' ELSE 'explicit' END AS identified_source,
  x_mitigated_at AS mitigated_at, x_mitigated_source AS mitigated_source,
  x_resolved_at AS resolved_at, CASE WHEN x_resolved_at IS NULL THEN 'missing' ELSE 'explicit' END AS resolved_source,
  x_closed_at AS closed_at, CASE WHEN x_closed_at IS NULL THEN 'missing' ELSE 'explicit' END AS closed_source,
  x_postmortem_published_at AS postmortem_published_at, CASE WHEN x_postmortem_published_at IS NULL THEN 'missing' ELSE 'explicit' END AS postmortem_published_source,
  p0 AS effective_start_at,
  c2 AS clamped_assembled_at,
  c3 AS clamped_identified_at,
  c4 AS clamped_mitigated_at,
  c5 AS clamped_resolved_at,
  (c1 <> p1 OR coalesce(c2 <> p2, false) OR coalesce(c3 <> p3, false) OR coalesce(c4 <> p4, false) OR coalesce(c5 <> p5, false)) AS milestones_reordered,
  CAST(imputed_phase_count AS INT) AS imputed_phases,
  CASE WHEN x_impact_started_source = 'explicit' AND unix_seconds(x_detected_at) - unix_seconds(x_impact_started_at) >= 0
       THEN unix_seconds(x_detected_at) - unix_seconds(x_impact_started_at) END AS time_to_detect_s,
  CASE WHEN x_paged_at IS NOT NULL AND x_acknowledged_at IS NOT NULL AND x_acknowledged_at >= x_paged_at
       THEN unix_seconds(x_acknowledged_at) - unix_seconds(x_paged_at) END AS time_to_acknowledge_s,
  CASE WHEN c4 IS NOT NULL THEN unix_seconds(c4) - unix_seconds(p0) END AS time_to_mitigate_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c5) - unix_seconds(p0) END AS time_to_resolve_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c1) - unix_seconds(p0) END AS phase_detect_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c2) - unix_seconds(c1) END AS phase_assemble_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c3) - unix_seconds(c2) END AS phase_troubleshoot_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c4) - unix_seconds(c3) END AS phase_mitigate_s,
  CASE WHEN c5 IS NOT NULL THEN unix_seconds(c5) - unix_seconds(c4) END AS phase_cleanup_s,
  coalesce(unix_seconds(x_assembled_at) - unix_seconds(reported_at) <= ${lead_seconds}, false) AS lead_assigned_within_5m,
  coalesce(unix_seconds(lead_assigned_at) - unix_seconds(reported_at) <= ${roles_seconds}
       AND unix_seconds(tech_lead_assigned_at) - unix_seconds(reported_at) <= ${roles_seconds}
       AND unix_seconds(comms_assigned_at) - unix_seconds(reported_at) <= ${roles_seconds}
       AND unix_seconds(scribe_assigned_at) - unix_seconds(reported_at) <= ${roles_seconds}, false) AS all_roles_within_5m,
  CASE WHEN x_postmortem_published_at IS NOT NULL AND x_resolved_at IS NOT NULL
       THEN unix_seconds(x_postmortem_published_at) - unix_seconds(x_resolved_at) END AS postmortem_lag_s,
  (mode = 'real' AND status NOT IN ('declined', 'merged', 'canceled', 'duplicate') AND severity IN (${pm_severities})) AS pm_required,
  coalesce(la.display_name, coalesce(first_lead, current_lead)) AS lead,
  CASE WHEN coalesce(first_lead, current_lead) IS NULL THEN NULL
       ELSE coalesce(la.canonical_person_id, 'person:name:' || regexp_replace(lower(trim(coalesce(first_lead, current_lead))), ' +', ' ')) END AS lead_person_id,
  CAST(linked_alert_count AS BIGINT) AS linked_alerts
FROM clamp5
LEFT JOIN person_aliases la ON la.alias = lower(trim(coalesce(first_lead, current_lead)))
