package dev.incidents.reports;

import static dev.incidents.reports.Query.count;
import static dev.incidents.reports.Query.number;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.reports.Table.Duration;
import dev.incidents.reports.Table.Percent;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the monthly leadership report from the derived tables, in a fixed order of sections. Every
 * month-over-month change of a percentile carries a 95% bootstrap interval (fixed seed) and a
 * significance or small-sample label; the incidents that drove a change are named.
 */
public final class ReportBuilder {
  /** Thrown when the month has nothing to report: a scheduler should alert. */
  public static final class EmptyWindowException extends RuntimeException {
    public EmptyWindowException(String message) {
      super(message);
    }
  }

  private final Query query;
  private final Config config;
  private final YearMonth month;
  private final YearMonth previous;
  private final Instant generatedAt;
  private final StringBuilder md = new StringBuilder();
  private final List<Table> tables = new ArrayList<>();
  private final Map<String, org.jfree.chart.JFreeChart> charts = new LinkedHashMap<>();
  private final int resamples;
  private final long seed;
  private final int smallN;

  public ReportBuilder(
      java.sql.Connection connection, Config config, YearMonth month, Instant generatedAt) {
    this.query = new Query(connection);
    this.config = config;
    this.month = month;
    this.previous = month.minusMonths(1);
    this.generatedAt = generatedAt;
    this.resamples = config.getInt(ConfigKeys.BOOTSTRAP_RESAMPLES);
    this.seed = config.getInt(ConfigKeys.BOOTSTRAP_SEED);
    this.smallN = config.getInt(ConfigKeys.SMALL_SAMPLE_N);
  }

  private Map<String, Object> metrics(YearMonth which, String severity, String service) {
    return query.one(
        "SELECT * FROM monthly_metrics WHERE month = ? AND severity = ? AND service = ?",
        which.toString(),
        severity,
        service);
  }

  public Report build() {
    Map<String, Object> now = metrics(month, "ALL", "ALL");
    if (now.isEmpty()
        || count(now, "incidents") + count(now, "excluded_incidents") + count(now, "alerts_fired")
            == 0) {
      throw new EmptyWindowException(
          "No incidents or alerts in "
              + month
              + " (has `incidents transform` run over this period?)");
    }
    Map<String, Object> before = metrics(previous, "ALL", "ALL");
    ZoneId zone = config.getZone(ConfigKeys.REPORT_TIMEZONE);
    md.append("# Incident report: ")
        .append(month.getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH))
        .append(' ')
        .append(month.getYear())
        .append("\n\n");
    md.append("Window: ")
        .append(month.atDay(1))
        .append(" to ")
        .append(month.atEndOfMonth())
        .append(" (")
        .append(zone.getId())
        .append("). Compared with ")
        .append(previous)
        .append(".\n\n");
    headline(now, before);
    phases(now);
    services();
    alerts(now);
    postmortems(now);
    response(now);
    onCall(now);
    excludedAndOpen();
    dataQuality();
    definitions(now, zone);
    return new Report(month.toString(), md.toString(), tables, charts);
  }

  private double[] values(YearMonth which, String column, String severity) {
    String filter = severity == null ? "" : " AND severity = '" + severity.replace("'", "") + "'";
    return query.doubles(
        "SELECT CAST("
            + column
            + " AS DOUBLE) FROM incident_facts WHERE counted AND month = ? AND "
            + column
            + " IS NOT NULL"
            + filter,
        which.toString());
  }

  private String note(int nNow, int nBefore, Optional<Bootstrap.Interval> interval) {
    if (nNow < smallN || nBefore < smallN) {
      return "small sample (n < "
          + smallN
          + ")"
          + (interval.isPresent() && !interval.get().significant() ? "; not significant" : "");
    }
    return interval.map(i -> i.significant() ? "significant" : "not significant").orElse("");
  }

  private void percentileRow(Table table, String figure, String column, double q, String severity) {
    double[] current = values(month, column, severity);
    double[] earlier = values(previous, column, severity);
    double value = Bootstrap.quantileOf(current, q);
    double old = Bootstrap.quantileOf(earlier, q);
    Optional<Bootstrap.Interval> interval =
        Bootstrap.differenceOfQuantiles(current, earlier, q, resamples, seed);
    table.add(
        figure,
        current.length == 0 ? null : new Duration(value),
        earlier.length == 0 ? null : new Duration(old),
        current.length == 0 || earlier.length == 0 ? null : Format.signedDuration(value - old),
        interval
            .map(
                i ->
                    "["
                        + Format.signedDuration(i.low())
                        + ", "
                        + Format.signedDuration(i.high())
                        + "]")
            .orElse(null),
        (long) current.length,
        (long) earlier.length,
        note(current.length, earlier.length, interval));
  }

  private void headline(Map<String, Object> now, Map<String, Object> before) {
    md.append("## Headline\n\n");
    Table counts =
        new Table("headline_counts", List.of("Figure", "This month", "Previous", "Change"));
    counts.add(
        "Incidents (counted)",
        count(now, "incidents"),
        count(before, "incidents"),
        count(now, "incidents") - count(before, "incidents"));
    for (String severity : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
      long a = count(metrics(month, severity, "ALL"), "incidents");
      long b = count(metrics(previous, severity, "ALL"), "incidents");
      counts.add(severity, a, b, a - b);
    }
    write(counts);
    Table headline =
        new Table(
            "headline",
            List.of(
                "Figure",
                "This month",
                "Previous",
                "Change",
                "95% CI of change",
                "n",
                "n previous",
                "Note"));
    percentileRow(headline, "p50 time to resolve", "time_to_resolve_s", 0.5, null);
    percentileRow(headline, "p90 time to resolve", "time_to_resolve_s", 0.9, null);
    percentileRow(headline, "p50 time to mitigate", "time_to_mitigate_s", 0.5, null);
    percentileRow(headline, "p90 time to mitigate", "time_to_mitigate_s", 0.9, null);
    percentileRow(headline, "p50 time to acknowledge", "time_to_acknowledge_s", 0.5, null);
    percentileRow(headline, "p50 time to detect", "time_to_detect_s", 0.5, null);
    write(headline);
    md.append("Intervals are 95% percentile-bootstrap intervals of the change (")
        .append(resamples)
        .append(" resamples, fixed seed ")
        .append(seed)
        .append("). A change is significant when its interval excludes zero.\n\n");
    Table bySeverity =
        new Table(
            "ttr_by_severity",
            List.of(
                "Severity",
                "p50 TTR",
                "Previous",
                "Change",
                "95% CI of change",
                "n",
                "n previous",
                "Note"));
    for (String severity : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
      percentileRow(bySeverity, severity, "time_to_resolve_s", 0.5, severity);
    }
    md.append("### p50 time to resolve by severity\n\n");
    write(bySeverity);
    double p50Now = Bootstrap.quantileOf(values(month, "time_to_resolve_s", null), 0.5);
    double p50Before = Bootstrap.quantileOf(values(previous, "time_to_resolve_s", null), 0.5);
    if (!Double.isNaN(p50Now) && !Double.isNaN(p50Before)) {
      YearMonth larger = p50Now >= p50Before ? month : previous;
      md.append("### What drove the change\n\nThe longest incidents of ")
          .append(larger)
          .append(", the month with the larger p50 time to resolve:\n\n");
      Table drivers =
          new Table(
              "drivers",
              List.of("Incident", "Title", "Severity", "Time to resolve", "Slowest phase"));
      for (Map<String, Object> row :
          query.rows(
              "SELECT reference, title, severity, time_to_resolve_s, phase_detect_s, phase_assemble_s, phase_troubleshoot_s, phase_mitigate_s, phase_cleanup_s FROM incident_facts"
                  + " WHERE counted AND month = ? AND time_to_resolve_s IS NOT NULL ORDER BY time_to_resolve_s DESC, reference LIMIT 3",
              larger.toString())) {
        String slowest = "";
        double longest = -1;
        for (String phase : List.of("detect", "assemble", "troubleshoot", "mitigate", "cleanup")) {
          double value = number(row, "phase_" + phase + "_s");
          if (value > longest) {
            longest = value;
            slowest = phase + " (" + Format.duration(value) + ")";
          }
        }
        drivers.add(
            row.get("reference"),
            row.get("title"),
            row.get("severity"),
            new Duration(number(row, "time_to_resolve_s")),
            slowest);
      }
      write(drivers);
    }
    Charts.ttrTrend(
        charts,
        query.rows(
            "SELECT month, p50_time_to_resolve_s, p90_time_to_resolve_s FROM monthly_metrics WHERE severity = 'ALL' AND service = 'ALL' AND month <= ? ORDER BY month DESC LIMIT 12",
            month.toString()));
    image("ttr_trend", "p50 and p90 time to resolve, last 12 months");
  }

  private void phases(Map<String, Object> now) {
    md.append("## Where the time goes\n\n");
    Table phases = new Table("phases", List.of("Phase", "Mean", "p50", "p90", "n"));
    for (String phase : List.of("detect", "assemble", "troubleshoot", "mitigate", "cleanup")) {
      phases.add(
          phase,
          duration(now, "mean_phase_" + phase + "_s"),
          duration(now, "p50_phase_" + phase + "_s"),
          duration(now, "p90_phase_" + phase + "_s"),
          count(now, "n_phase_" + phase));
    }
    write(phases);
    double target = config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS);
    double assemble = number(now, "p50_phase_assemble_s");
    md.append("Team assembly (p50 ")
        .append(Format.duration(assemble))
        .append(") against its ")
        .append(Format.duration(target))
        .append(" target: **")
        .append(Double.isNaN(assemble) ? "no data" : assemble <= target ? "met" : "missed")
        .append("**.\n\n");
    Charts.phaseBreakdown(
        charts,
        query.rows(
            "SELECT severity, mean_phase_detect_s, mean_phase_assemble_s, mean_phase_troubleshoot_s, mean_phase_mitigate_s, mean_phase_cleanup_s FROM monthly_metrics"
                + " WHERE month = ? AND service = 'ALL' AND severity <> 'ALL' ORDER BY severity",
            month.toString()));
    image("phases", "Mean phase durations by severity (stacked)");
  }

  private static Duration duration(Map<String, Object> row, String column) {
    double value = number(row, column);
    return Double.isNaN(value) ? null : new Duration(value);
  }

  private static Percent percent(Map<String, Object> row, String column) {
    double value = number(row, column);
    return Double.isNaN(value) ? null : new Percent(value);
  }

  private void services() {
    md.append("## Incidents by service\n\n");
    Table services = new Table("services", List.of("Service", "Incidents", "p50 TTR", "Alerts"));
    List<Map<String, Object>> rows =
        query.rows(
            "SELECT service, incidents, p50_time_to_resolve_s, alerts_fired FROM monthly_metrics WHERE month = ? AND severity = 'ALL' AND service <> 'ALL' AND incidents > 0 ORDER BY incidents DESC, service",
            month.toString());
    for (Map<String, Object> row : rows) {
      services.add(
          row.get("service"),
          count(row, "incidents"),
          duration(row, "p50_time_to_resolve_s"),
          count(row, "alerts_fired"));
    }
    write(services);
    Charts.bar(
        charts, "services", "Incidents by service", "incidents", rows, "service", "incidents");
    image("services", "Counted incidents by service");
    md.append("### Top recurring incident types\n\n");
    Table types = new Table("incident_types", List.of("Type", "Incidents"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT coalesce(incident_type, 'unknown') AS type, count(*) AS incidents FROM incident_facts WHERE counted AND month = ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5",
            month.toString())) {
      types.add(row.get("type"), count(row, "incidents"));
    }
    write(types);
    md.append("### Severity mix over time\n\n");
    Charts.severityMix(
        charts,
        query.rows(
            "SELECT month, severity, incidents FROM monthly_metrics WHERE service = 'ALL' AND severity <> 'ALL' AND month <= ? AND month > ? ORDER BY month, severity",
            month.toString(),
            month.minusMonths(12).toString()));
    image("severity_mix", "Counted incidents per month by severity");
  }

  private void alerts(Map<String, Object> now) {
    md.append("## Alerts\n\n");
    md.append("- Alerts per incident: **")
        .append(Format.number(number(now, "alerts_per_incident")))
        .append("** (")
        .append(count(now, "alerts_fired"))
        .append(" alerts, ")
        .append(count(now, "incidents"))
        .append(" incidents)\n");
    md.append("- Detected internally (explicitly or by a linked alert): **")
        .append(Format.percent(number(now, "pct_detected_by_alert")))
        .append("**\n\n");
    Table trend =
        new Table("alert_trend", List.of("Month", "Alerts", "Incidents", "Alerts per incident"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT month, alerts_fired, incidents, alerts_per_incident FROM monthly_metrics WHERE severity = 'ALL' AND service = 'ALL' AND month <= ? ORDER BY month DESC LIMIT 6",
            month.toString())) {
      trend.add(
          row.get("month"),
          count(row, "alerts_fired"),
          count(row, "incidents"),
          row.get("alerts_per_incident") == null ? null : number(row, "alerts_per_incident"));
    }
    write(trend);
    md.append("### The 10 noisiest rules\n\n");
    Table noisy =
        new Table(
            "noisy_rules",
            List.of("Rule", "Service", "Fired", "Linked", "Actionable", "After hours", "Noisy"));
    List<Map<String, Object>> rules =
        query.rows(
            "SELECT rule, service, fired, linked, actionable_rate, after_hours_share, noisy FROM alert_rule_stats WHERE month = ? ORDER BY noisy DESC, fired DESC, rule LIMIT 10",
            month.toString());
    for (Map<String, Object> row : rules) {
      noisy.add(
          row.get("rule"),
          row.get("service"),
          count(row, "fired"),
          count(row, "linked"),
          percent(row, "actionable_rate"),
          percent(row, "after_hours_share"),
          Boolean.TRUE.equals(row.get("noisy")) ? "yes" : "no");
    }
    write(noisy);
    Charts.bar(
        charts,
        "noisy_rules",
        "The 10 noisiest alert rules",
        "alerts fired",
        rules,
        "rule",
        "fired");
    image("noisy_rules", "Alerts fired by the 10 noisiest rules");
  }

  private void postmortems(Map<String, Object> now) {
    md.append("## Post-mortems and action items\n\n");
    Table targets = new Table("targets", List.of("Target", "Value", "Target value", "Status"));
    target(
        targets,
        "SEV1/SEV2 with a published post-mortem",
        number(now, "pm_completion_rate"),
        config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION));
    target(
        targets,
        "Published within the deadline",
        number(now, "pm_on_time_rate"),
        config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION));
    target(
        targets,
        "Action items with owner and due date",
        number(now, "ai_tracked_rate"),
        config.getDouble(ConfigKeys.TARGET_ACTION_ITEMS_TRACKED));
    double assemble = number(now, "p50_phase_assemble_s");
    targets.add(
        "Team assembly (p50) under "
            + Format.duration(config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS)),
        Double.isNaN(assemble) ? null : new Duration(assemble),
        new Duration(config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS)),
        Double.isNaN(assemble)
            ? "no data"
            : assemble <= config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS) ? "met" : "missed");
    target(
        targets,
        "Lead assigned within " + Format.duration(config.getInt(ConfigKeys.TARGET_LEAD_SECONDS)),
        number(now, "pct_lead_within_5m"),
        1.0);
    write(targets);
    md.append("Post-mortems resolved this month: ")
        .append(count(now, "pm_required"))
        .append(" required, ")
        .append(count(now, "pm_published"))
        .append(" published, p50 lag ")
        .append(Format.duration(number(now, "p50_postmortem_lag_s")))
        .append(".\n\n");
    md.append("### Overdue post-mortems\n\n");
    Table overdue =
        new Table(
            "overdue_postmortems",
            List.of("Incident", "Title", "Severity", "Resolved", "Days overdue"));
    long deadline = config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE).toSeconds();
    long asOf = count(now, "as_of_epoch_s");
    for (Map<String, Object> row :
        query.rows(
            "SELECT reference, title, severity, strftime(resolved_at, '%Y-%m-%d') AS resolved, (? - unix_seconds(resolved_at) - ?) / 86400 AS days FROM incident_facts"
                + " WHERE pm_required AND postmortem_published_at IS NULL AND resolved_at IS NOT NULL AND unix_seconds(resolved_at) + ? < ? ORDER BY resolved_at, reference",
            asOf, deadline, deadline, asOf)) {
      overdue.add(
          row.get("reference"),
          row.get("title"),
          row.get("severity"),
          row.get("resolved"),
          count(row, "days"));
    }
    write(overdue);
    md.append("### Action items\n\n");
    md.append("- Created this month: ")
        .append(count(now, "ai_total"))
        .append("; tracked ")
        .append(Format.percent(number(now, "ai_tracked_rate")))
        .append("; completed ")
        .append(Format.percent(number(now, "ai_completion_rate")))
        .append("; p50 days to complete ")
        .append(Format.number(number(now, "p50_ai_days_to_complete")))
        .append("\n\n");
    md.append("### Overdue action items\n\n");
    Table items =
        new Table("overdue_action_items", List.of("Item", "Incident", "Owner", "Due", "Title"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT a.action_item_id, f.reference, a.owner, CAST(a.due_date AS VARCHAR) AS due, a.title FROM action_item_facts a LEFT JOIN incident_facts f ON f.incident_id = a.incident_id"
                + " WHERE a.overdue ORDER BY a.due_date, a.action_item_id LIMIT 50")) {
      items.add(
          row.get("action_item_id"),
          row.get("reference"),
          row.get("owner"),
          row.get("due"),
          row.get("title"));
    }
    write(items);
    Charts.postmortemCompletion(
        charts,
        query.rows(
            "SELECT month, pm_completion_rate FROM monthly_metrics WHERE severity = 'ALL' AND service = 'ALL' AND month <= ? AND pm_required > 0 ORDER BY month DESC LIMIT 12",
            month.toString()),
        config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION));
    image("postmortems", "Post-mortem completion against target");
  }

  private static void target(Table table, String name, double value, double target) {
    table.add(
        name,
        Double.isNaN(value) ? null : new Percent(value),
        new Percent(target),
        Double.isNaN(value) ? "no data" : value >= target - 1e-9 ? "met" : "missed");
  }

  private void response(Map<String, Object> now) {
    md.append("## Response\n\n");
    md.append("- Lead assigned within 5 minutes (SEV1/SEV2): **")
        .append(Format.percent(number(now, "pct_lead_within_5m")))
        .append("**\n");
    md.append("- All roles assigned within 5 minutes (SEV1/SEV2): **")
        .append(Format.percent(number(now, "pct_all_roles_within_5m")))
        .append("**\n");
    md.append("- Mitigated within 30 minutes (SEV1/SEV2): **")
        .append(Format.percent(number(now, "pct_mitigated_within_30m")))
        .append("**\n\n");
  }

  private void onCall(Map<String, Object> now) {
    md.append("## On-call load\n\n");
    Table load =
        new Table(
            "responder_load",
            List.of(
                "Responder",
                "Pages",
                "Interruptions",
                "Business hours",
                "Off hours",
                "Sleep hours",
                "Incidents led"));
    long off = 0;
    long sleep = 0;
    for (Map<String, Object> row :
        query.rows(
            "SELECT * FROM responder_load WHERE month = ? ORDER BY interruptions DESC, responder",
            month.toString())) {
      off += count(row, "off_hours");
      sleep += count(row, "sleep_hours");
      if (load.rows().size() < 10) {
        load.add(
            row.get("responder"),
            count(row, "pages"),
            count(row, "interruptions"),
            count(row, "business_hours"),
            count(row, "off_hours"),
            count(row, "sleep_hours"),
            count(row, "incidents_led"));
      }
    }
    md.append("Off-hours interruptions: **")
        .append(off)
        .append("**; sleep-hour interruptions: **")
        .append(sleep)
        .append("**; hero share (SEV1s led by the top three SEV1 leads of the last 90 days): **")
        .append(Format.percent(number(now, "hero_share")))
        .append("** (lower is healthier).\n\n");
    write(load);
  }

  private void excludedAndOpen() {
    md.append("## Excluded and open incidents\n\n");
    Table excluded = new Table("excluded", List.of("Incident", "Title", "Reason"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT reference, title, exclusion_reason FROM incident_facts WHERE NOT counted AND month = ? ORDER BY reference",
            month.toString())) {
      excluded.add(row.get("reference"), row.get("title"), row.get("exclusion_reason"));
    }
    write(excluded);
    Table open = new Table("open", List.of("Incident", "Title", "Severity", "Reported"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT reference, title, severity, strftime(reported_at, '%Y-%m-%d %H:%M') AS reported FROM incident_facts WHERE counted AND resolved_at IS NULL ORDER BY reported_at")) {
      open.add(row.get("reference"), row.get("title"), row.get("severity"), row.get("reported"));
    }
    md.append("Open incidents at the report's as-of:\n\n");
    write(open);
  }

  private void dataQuality() {
    md.append("## Data quality\n\n");
    Table milestones =
        new Table(
            "data_quality", List.of("Milestone", "Explicit", "Fallback", "Missing", "Incidents"));
    long reordered = 0;
    long imputed = 0;
    for (Map<String, Object> row :
        query.rows(
            "SELECT * FROM data_quality WHERE month = ? AND check_kind = 'milestone' ORDER BY milestone",
            month.toString())) {
      milestones.add(
          row.get("milestone"),
          percent(row, "explicit_pct"),
          percent(row, "fallback_pct"),
          percent(row, "missing_pct"),
          count(row, "incidents"));
      reordered = count(row, "milestones_reordered");
      imputed = count(row, "imputed_phases");
    }
    write(milestones);
    md.append("Incidents whose milestones the clamp reordered: **")
        .append(reordered)
        .append("**; imputed phases: **")
        .append(imputed)
        .append("**.\n\n");
    Table quarantine = new Table("quarantine", List.of("Source", "Error", "Records"));
    for (Map<String, Object> row :
        query.rows(
            "SELECT source, error_code, sum(quarantined) AS records FROM data_quality WHERE check_kind = 'quarantine' GROUP BY 1, 2 ORDER BY 1, 2")) {
      quarantine.add(row.get("source"), row.get("error_code"), count(row, "records"));
    }
    md.append("Quarantined records (all ingests):\n\n");
    write(quarantine);
  }

  private void definitions(Map<String, Object> now, ZoneId zone) {
    md.append("## Definitions and provenance\n\n");
    md.append("- Metric definitions: version `")
        .append(now.get("definitions_version"))
        .append("` (see `docs/metrics.md`; the version changes with any SQL or anchor)\n");
    md.append("- Data window: ")
        .append(month.atDay(1).atStartOfDay(zone).toInstant())
        .append(" to ")
        .append(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant())
        .append("\n");
    md.append("- As of: ").append(Instant.ofEpochSecond(count(now, "as_of_epoch_s"))).append("\n");
    md.append("- Generated: ").append(generatedAt).append("\n");
    List<Map<String, Object>> runs =
        query.rows(
            "SELECT source, sum(files) AS files, sum(records_written) AS records, max(finished_at) AS last FROM ingest_runs GROUP BY source ORDER BY source");
    md.append("- Inputs: ");
    List<String> inputs = new ArrayList<>();
    for (Map<String, Object> run : runs) {
      inputs.add(run.get("source") + " (" + count(run, "files") + " files)");
    }
    md.append(inputs.isEmpty() ? "unknown" : String.join(", ", inputs)).append("\n");
  }

  private void write(Table table) {
    tables.add(table);
    if (table.rows().isEmpty()) {
      md.append("_None._\n\n");
      return;
    }
    md.append("| ").append(String.join(" | ", table.headers())).append(" |\n");
    md.append("|").append("---|".repeat(table.headers().size())).append("\n");
    for (List<Object> row : table.rows()) {
      md.append("| ");
      List<String> cells = new ArrayList<>();
      for (Object cell : row) {
        cells.add(Format.cell(cell));
      }
      md.append(String.join(" | ", cells)).append(" |\n");
    }
    md.append("\n");
  }

  private void image(String name, String alt) {
    md.append("![").append(alt).append("](").append(name).append(".png)\n\n");
  }
}
