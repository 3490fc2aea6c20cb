package dev.incidents.core.model;

import java.util.Locale;
import java.util.Optional;

/** Canonical severity. SEV1 is the most severe. Vendor values are kept beside it as strings. */
public enum Severity {
  SEV1,
  SEV2,
  SEV3,
  SEV4,
  UNKNOWN;

  /**
   * Parses {@code SEV1}, {@code sev1}, {@code 1}, {@code P1} style values; empty if unrecognised.
   */
  public static Optional<Severity> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String normalized = value.trim().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    return switch (normalized) {
      case "SEV1", "SEV0", "1", "P1", "P0", "CRITICAL" -> Optional.of(SEV1);
      case "SEV2", "2", "P2", "MAJOR", "HIGH" -> Optional.of(SEV2);
      case "SEV3", "3", "P3", "MINOR", "MEDIUM" -> Optional.of(SEV3);
      case "SEV4", "4", "P4", "P5", "LOW", "INFO", "NONE" -> Optional.of(SEV4);
      case "UNKNOWN" -> Optional.of(UNKNOWN);
      default -> Optional.empty();
    };
  }
}
