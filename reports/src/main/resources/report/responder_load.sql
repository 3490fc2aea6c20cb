-- responder_load: pages and interruptions per responder in the month (responder_load), most
-- interrupted first; interruptions are split into business, off and sleep hours in the
-- responder's timezone.
-- Parameters: month (YYYY-MM).
SELECT responder, pages, interruptions, business_hours, off_hours, sleep_hours, incidents_led, sev1_led
FROM responder_load
WHERE month = ${month}
ORDER BY interruptions DESC, responder
