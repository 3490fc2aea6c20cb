package dev.incidents.reports;

import java.util.Locale;

/** The five phases of an incident (METRICS.md section 2), in order; they sum to time to resolve. */
public enum Phase {
  DETECT,
  ASSEMBLE,
  TROUBLESHOOT,
  MITIGATE,
  CLEANUP;

  /** The word the report prints, such as {@code troubleshoot}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The incident_facts column of the phase, such as {@code phase_troubleshoot_s}. */
  public String column() {
    return "phase_" + label() + "_s";
  }
}
