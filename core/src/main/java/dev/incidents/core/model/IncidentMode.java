package dev.incidents.core.model;

/**
 * Why an incident exists. Only {@link #REAL} incidents enter MTTx (docs/metrics.md,
 * incident_facts).
 */
public enum IncidentMode {
  REAL("real"),
  TEST("test"),
  GAME_DAY("game_day"),
  TUTORIAL("tutorial"),
  RETROSPECTIVE("retrospective");

  private final String value;

  IncidentMode(String value) {
    this.value = value;
  }

  /** The value stored in the lake. */
  public String value() {
    return value;
  }

  public static IncidentMode fromValue(String value) {
    for (IncidentMode mode : values()) {
      if (mode.value.equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("Invalid incident mode: '" + value + "'");
  }
}
