package dev.incidents.reports;

import java.util.Locale;

/** How numbers read in the report. */
public final class Format {
  private Format() {}

  public static String duration(double seconds) {
    if (Double.isNaN(seconds)) {
      return "n/a";
    }
    double absolute = Math.abs(seconds);
    String sign = seconds < 0 ? "−" : "";
    if (absolute < 90) {
      return sign + Math.round(absolute) + " s";
    }
    if (absolute < 90 * 60) {
      return sign + Math.round(absolute / 60) + " min";
    }
    return sign + String.format(Locale.ROOT, "%.1f h", absolute / 3600);
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
