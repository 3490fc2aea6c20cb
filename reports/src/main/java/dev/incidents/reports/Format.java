package dev.incidents.reports;

import dev.incidents.core.text.Durations;
import java.util.Locale;

/** How numbers read in the report. */
public final class Format {
  private Format() {}

  /** A duration as the draft writes it too (core's {@link Durations}): one formatter for both. */
  public static String duration(double seconds) {
    return Durations.format(seconds);
  }

  public static String signedDuration(double seconds) {
    return (seconds > 0 ? "+" : "") + duration(seconds);
  }

  public static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", share * 100);
  }

  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%d", (long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double number) {
      return number(number);
    }
    return value.toString().replace("|", "\\|").replace("\n", " ");
  }
}
