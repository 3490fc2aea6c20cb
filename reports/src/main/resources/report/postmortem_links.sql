-- postmortem_links: the post-mortem document link and recorded status of each incident of the
-- month, as the incident tool exported them (canonical table incidents).
-- Parameters: month (YYYY-MM).
SELECT i.incident_id, i.postmortem_url, i.postmortem_status
FROM incidents i
JOIN incident_facts f ON f.incident_id = i.incident_id
WHERE f.month = ${month}
