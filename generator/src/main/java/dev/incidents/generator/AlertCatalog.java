package dev.incidents.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The alert rules of each service, and which of them flap without ever meaning anything. */
final class AlertCatalog {
  private AlertCatalog() {}

  private static final List<String> ACTIONABLE =
      List.of("HighErrorRate", "HighLatencyP99", "SaturationHigh", "AvailabilitySLOBurn");
  private static final List<String> FLAPPING = List.of("CPUThrottling", "PodRestarted");

  /** Rules that page and sometimes lead to incidents; the first is the usual first alert. */
  static List<String> rulesFor(String service) {
    List<String> rules = new ArrayList<>();
    for (String rule : ACTIONABLE) {
      rules.add(camel(service) + rule);
    }
    return rules;
  }

  /** Rules that fire often and never lead to incidents: the noise the report should expose. */
  static List<String> flappingRulesFor(String service) {
    List<String> rules = new ArrayList<>();
    for (String rule : FLAPPING) {
      rules.add(camel(service) + rule);
    }
    return rules;
  }

  static String severityOf(String rule) {
    if (rule.endsWith("HighErrorRate") || rule.endsWith("AvailabilitySLOBurn")) {
      return "critical";
    }
    return rule.endsWith("PodRestarted") ? "info" : "warning";
  }

  static String camel(String service) {
    StringBuilder builder = new StringBuilder();
    for (String part : service.split("-")) {
      builder.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return builder.toString();
  }
}
