-- lead_names: the display name of each incident lead of the month. incident_facts.lead holds the
-- id the incident tool recorded; the name is the people table's display name for that id, else the
-- recorded value itself. This is the one place the report resolves a person, so that it can be
-- rewired to canonical person identities.
-- Parameters: month (YYYY-MM).
SELECT f.incident_id, coalesce(min(p.name), f.lead) AS lead_name
FROM incident_facts f
LEFT JOIN people p ON p.person_id = f.lead OR lower(p.email) = lower(f.lead)
WHERE f.month = ${month} AND f.lead IS NOT NULL
GROUP BY f.incident_id, f.lead
