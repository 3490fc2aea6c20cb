package dev.incidents.transform;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every anchor the SQL pipeline uses, resolved once from the configuration: thresholds, deadlines,
 * severities, hours, the report timezone and {@code as_of}. They are substituted into the SQL as
 * {@code ${name}} and enter the definitions' version hash.
 */
public record TransformParameters(Instant asOf, ZoneId reportZone, Map<String, String> values) {
  public static TransformParameters from(Config config, Instant asOf, ZoneId reportZone) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("as_of_s", Long.toString(asOf.getEpochSecond()));
    values.put("as_of_date", asOf.atZone(reportZone).toLocalDate().toString());
    values.put("report_timezone", reportZone.getId());
    values.put(
        "correlation_before_s",
        Long.toString(config.getDuration(ConfigKeys.ALERT_CORRELATION_BEFORE).toSeconds()));
    values.put("lead_seconds", Integer.toString(config.getInt(ConfigKeys.TARGET_LEAD_SECONDS)));
    values.put(
        "roles_seconds", Integer.toString(config.getInt(ConfigKeys.TARGET_ALL_ROLES_SECONDS)));
    values.put(
        "mitigated_seconds", Integer.toString(config.getInt(ConfigKeys.TARGET_MITIGATED_SECONDS)));
    values.put("pm_severities", sqlList(config.getList(ConfigKeys.POSTMORTEM_SEVERITIES)));
    values.put("target_severities", sqlList(config.getList(ConfigKeys.TARGET_SEVERITIES)));
    values.put(
        "pm_deadline_s",
        Long.toString(config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE).toSeconds()));
    values.put("noisy_min_fired", Integer.toString(config.getInt(ConfigKeys.NOISY_MIN_FIRED)));
    values.put(
        "noisy_max_rate", Double.toString(config.getDouble(ConfigKeys.NOISY_MAX_ACTIONABLE)));
    values.put(
        "merge_seconds", Integer.toString(config.getInt(ConfigKeys.INTERRUPTION_MERGE_SECONDS)));
    int[] business = hours(config.get(ConfigKeys.BUSINESS_HOURS), ConfigKeys.BUSINESS_HOURS.name());
    int[] sleep = hours(config.get(ConfigKeys.SLEEP_HOURS), ConfigKeys.SLEEP_HOURS.name());
    values.put("business_start_hour", Integer.toString(business[0]));
    values.put("business_end_hour", Integer.toString(business[1]));
    values.put("sleep_start_hour", Integer.toString(sleep[0]));
    values.put("sleep_end_hour", Integer.toString(sleep[1]));
    values.put(
        "sleep_condition",
        sleep[0] > sleep[1]
            ? "(hour >= " + sleep[0] + " OR hour < " + sleep[1] + ")"
            : "(hour >= " + sleep[0] + " AND hour < " + sleep[1] + ")");
    int heroDays = config.getInt(ConfigKeys.HERO_WINDOW_DAYS);
    values.put("hero_window_days", Integer.toString(heroDays));
    values.put("hero_window_months", Integer.toString(Math.max(1, Math.round(heroDays / 30f))));
    values.put("hero_top_leads", Integer.toString(config.getInt(ConfigKeys.HERO_TOP_LEADS)));
    String primary = config.get(ConfigKeys.PRIMARY_INCIDENT_SOURCE);
    if (!primary.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException(
          "Invalid " + ConfigKeys.PRIMARY_INCIDENT_SOURCE.name() + ": '" + primary + "'");
    }
    values.put("primary_source", "'" + primary + "'");
    values.put("incident_precedence", precedence(primary, INCIDENT_PRECEDENCE));
    values.put("person_precedence", precedence(null, PERSON_PRECEDENCE));
    values.put("action_item_precedence", precedence(null, ACTION_ITEM_PRECEDENCE));
    values.put("alert_precedence", precedence(null, ALERT_PRECEDENCE));
    values.put("channel_pattern_raw", config.get(ConfigKeys.CHANNEL_PATTERN));
    values.put("title_window_s", "86400");
    values.put("alert_dedup_key_window_s", "900");
    values.put("alert_dedup_window_s", "60");
    return new TransformParameters(asOf, reportZone, Map.copyOf(values));
  }

  /** The anchors that define the metrics (as_of excluded: it is data, not definition). */
  public Map<String, String> definitionValues() {
    Map<String, String> definition = new java.util.TreeMap<>(values);
    definition.remove("as_of_s");
    definition.remove("as_of_date");
    return definition;
  }

  /**
   * Which source wins a canonical incident's fields: the configured primary source first, then this
   * order (docs/architecture.md, "Source precedence").
   */
  static final List<String> INCIDENT_PRECEDENCE =
      List.of("incidentio", "opsgenie", "pagerduty", "canonical", "statuspage");

  /** Which tool's name is a person's display name. */
  static final List<String> PERSON_PRECEDENCE =
      List.of("incidentio", "slack", "pagerduty", "jira", "opsgenie", "mattermost", "teams");

  /** Which tool wins an action item's status, owner and dates (the incident link aside). */
  static final List<String> ACTION_ITEM_PRECEDENCE = List.of("jira", "incidentio", "canonical");

  /** Which delivery of one alert firing is kept: the originating tool over the forwarding one. */
  static final List<String> ALERT_PRECEDENCE =
      List.of("alertmanager", "grafana", "canonical", "incidentio", "opsgenie", "pagerduty");

  /** A SQL CASE giving each source its rank (1 = wins); unknown sources rank last. */
  static String precedence(String first, List<String> order) {
    List<String> ranked = new java.util.ArrayList<>();
    if (first != null) {
      ranked.add(first);
    }
    for (String source : order) {
      if (!ranked.contains(source)) {
        ranked.add(source);
      }
    }
    StringBuilder sql = new StringBuilder("CASE source");
    for (int i = 0; i < ranked.size(); i++) {
      String source = ranked.get(i);
      if (!source.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException("Invalid source in configuration: '" + source + "'");
      }
      sql.append(" WHEN '").append(source).append("' THEN ").append(i + 1);
    }
    return sql.append(" ELSE ").append(ranked.size() + 1).append(" END").toString();
  }

  static String sqlList(List<String> values) {
    return values.stream()
        .map(
            value -> {
              if (!value.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException(
                    "Invalid severity in configuration: '" + value + "'");
              }
              return "'" + value + "'";
            })
        .collect(Collectors.joining(", "));
  }

  /** {@code 08:00-18:00} into {8, 18}; minutes are not supported and must be 00. */
  static int[] hours(String range, String key) {
    var matcher =
        java.util.regex.Pattern.compile("(\\d{1,2}):00-(\\d{1,2}):00").matcher(range.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Invalid " + key + ": '" + range + "' (expected HH:00-HH:00)");
    }
    int start = Integer.parseInt(matcher.group(1));
    int end = Integer.parseInt(matcher.group(2));
    if (start > 23 || end > 24) {
      throw new IllegalArgumentException("Invalid " + key + ": '" + range + "'");
    }
    return new int[] {start, end};
  }
}
