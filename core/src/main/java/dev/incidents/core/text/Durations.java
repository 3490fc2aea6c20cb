package dev.incidents.core.text;

import java.util.Locale;

/**
 * How a duration reads, everywhere (the monthly report and the post-mortem draft): under 90 seconds
 * in whole seconds ("45 s"), under 90 minutes in whole minutes, rounded ("2 min" for 100 s), then
 * hours and minutes ("2 h 05 min"). Negative values carry a minus sign; NaN reads "n/a".
 */
public final class Durations {
  private Durations() {}

  public static String format(long seconds) {
    return format((double) seconds);
  }

  public static String format(double seconds) {
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
    long minutes = Math.round(absolute / 60);
    return sign + String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
  }
}
