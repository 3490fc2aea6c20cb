-- lead_names: the display name of each incident lead of the month. incident_facts.lead is already
-- the canonical person's display name (person_identities, through the transform's person_aliases;
-- lead_person_id is the person), so the same human is one name whichever tool assigned the role.
-- Parameters: month (YYYY-MM).
SELECT f.incident_id, f.lead AS lead_name
FROM incident_facts f
WHERE f.month = ${month} AND f.lead IS NOT NULL
