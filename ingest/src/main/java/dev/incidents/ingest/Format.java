package dev.incidents.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * The source formats ingest understands, in the order a run processes them: incident tools first,
 * so that alerts, pages, chat and action items can link to their incidents.
 */
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
  // incidents receive's spool (issue 18): read last, so its alerts and events link to incidents
  // read in the same run. See spool/SpoolReader.
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
