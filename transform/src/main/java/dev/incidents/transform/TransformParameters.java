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
    return new TransformParameters(asOf, reportZone, Map.copyOf(values));
  }

  /** The anchors that define the metrics (as_of excluded: it is data, not definition). */
  public Map<String, String> definitionValues() {
    Map<String, String> definition = new java.util.TreeMap<>(values);
    definition.remove("as_of_s");
    definition.remove("as_of_date");
    return definition;
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
