package dev.incidents.core.model;

/** The kinds of {@code timeline_events}, as docs/data.md lists them. */
public enum EventKind {
  DECLARED("declared"),
  STATUS_CHANGED("status_changed"),
  SEVERITY_CHANGED("severity_changed"),
  ROLE_ASSIGNED("role_assigned"),
  RESPONDER_JOINED("responder_joined"),
  PAGED("paged"),
  ACKNOWLEDGED("acknowledged"),
  ESCALATED("escalated"),
  RESOLVED("resolved"),
  REOPENED("reopened"),
  ALERT_FIRED("alert_fired"),
  ALERT_RESOLVED("alert_resolved"),
  STATUS_UPDATE("status_update"),
  COMMAND("command"),
  NOTE("note"),
  MILESTONE("milestone");

  private final String value;

  EventKind(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static EventKind fromValue(String value) {
    for (EventKind kind : values()) {
      if (kind.value.equals(value)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("Invalid event kind: '" + value + "'");
  }
}
