-- noisy_rules: the ten noisiest alert rules of the month: noisy rules first (fired at least
-- metrics.noisy-min-fired times, actionable less than metrics.noisy-max-actionable-rate), then by
-- alerts fired (alert_rule_stats).
-- Parameters: month (YYYY-MM).
SELECT rule, service, fired, linked, actionable_rate, after_hours_share, noisy
FROM alert_rule_stats
WHERE month = ${month}
ORDER BY noisy DESC, fired DESC, rule, service
LIMIT 10
