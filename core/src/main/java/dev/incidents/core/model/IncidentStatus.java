package dev.incidents.core.model;

/** Canonical incident status; the vendor's own value is kept in {@code original_status}. */
public enum IncidentStatus {
  TRIAGE("triage", true),
  ACTIVE("active", true),
  RESOLVED("resolved", true),
  CLOSED("closed", true),
  DECLINED("declined", false),
  MERGED("merged", false),
  CANCELED("canceled", false),
  DUPLICATE("duplicate", false);

  private final String value;
  private final boolean countable;

  IncidentStatus(String value, boolean countable) {
    this.value = value;
    this.countable = countable;
  }

  public String value() {
    return value;
  }

  /** False for the statuses that exclude an incident from the counted population. */
  public boolean countable() {
    return countable;
  }

  public static IncidentStatus fromValue(String value) {
    for (IncidentStatus status : values()) {
      if (status.value.equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Invalid incident status: '" + value + "'");
  }
}
