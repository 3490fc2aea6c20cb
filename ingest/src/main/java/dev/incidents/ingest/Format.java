package dev.incidents.ingest;

import java.util.Locale;
import java.util.Optional;

/** The source formats ingest understands; each has one definition in {@link Sources}. */
public enum Format {
  INCIDENTIO("incidentio"),
  PAGERDUTY("pagerduty"),
  OPSGENIE("opsgenie"),
  STATUSPAGE("statuspage"),
  ALERTMANAGER("alertmanager"),
  GRAFANA("grafana"),
  SLACK("slack"),
  MATTERMOST("mattermost"),
  TEAMS("teams"),
  JIRA("jira"),
  POSTMORTEMS("postmortems"),
  CANONICAL("canonical"),
  // incidents receive's spool: each line's body goes to its endpoint's reader (spool/SpoolReader).
  SPOOL("spool");

  private final String value;

  Format(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Format> parse(String value) {
    for (Format format : values()) {
      if (format.value.equals(value.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
