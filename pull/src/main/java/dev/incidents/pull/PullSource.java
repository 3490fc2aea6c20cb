package dev.incidents.pull;

import dev.incidents.core.config.ConfigKey;
import dev.incidents.core.config.ConfigKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The tools {@code incidents pull} can collect from, with their configuration keys. */
public enum PullSource {
  INCIDENTIO(
      "incidentio", ConfigKeys.SOURCES_INCIDENTIO_BASE_URL, ConfigKeys.SOURCES_INCIDENTIO_TOKEN),
  PAGERDUTY("pagerduty", ConfigKeys.SOURCES_PAGERDUTY_BASE_URL, ConfigKeys.SOURCES_PAGERDUTY_TOKEN),
  OPSGENIE("opsgenie", ConfigKeys.SOURCES_OPSGENIE_BASE_URL, ConfigKeys.SOURCES_OPSGENIE_TOKEN),
  SLACK("slack", ConfigKeys.SOURCES_SLACK_BASE_URL, ConfigKeys.SOURCES_SLACK_TOKEN),
  JIRA("jira", ConfigKeys.SOURCES_JIRA_BASE_URL, ConfigKeys.SOURCES_JIRA_TOKEN),
  STATUSPAGE(
      "statuspage", ConfigKeys.SOURCES_STATUSPAGE_BASE_URL, ConfigKeys.SOURCES_STATUSPAGE_TOKEN);

  private final String value;
  private final ConfigKey baseUrlKey;
  private final ConfigKey tokenKey;

  PullSource(String value, ConfigKey baseUrlKey, ConfigKey tokenKey) {
    this.value = value;
    this.baseUrlKey = baseUrlKey;
    this.tokenKey = tokenKey;
  }

  public String value() {
    return value;
  }

  public ConfigKey baseUrlKey() {
    return baseUrlKey;
  }

  public ConfigKey tokenKey() {
    return tokenKey;
  }

  /** Every configuration key of this source, {@code sources.<name>.*}. */
  public List<ConfigKey> keys() {
    return ConfigKeys.ALL.stream()
        .filter(key -> key.name().startsWith("sources." + value + "."))
        .toList();
  }

  public static Optional<PullSource> parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(source -> source.value.equals(lower)).findFirst();
  }
}
