package dev.incidents.reports;

import java.awt.Color;
import java.util.Comparator;
import java.util.Locale;

/**
 * The one palette of every chart (report and notebooks): Okabe–Ito's colour-blind-safe set.
 * Severities always take the same colour and are always drawn in severity order; phases take their
 * own fixed set; measures (p50, p90, counts, rates) are drawn in neutral greys, so that a hue never
 * means two things.
 */
public final class Palette {
  public static final Color BLACK = new Color(0x000000);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color SKY_BLUE = new Color(0x56B4E9);
  public static final Color BLUISH_GREEN = new Color(0x009E73);
  public static final Color YELLOW = new Color(0xF0E442);
  public static final Color BLUE = new Color(0x0072B2);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color REDDISH_PURPLE = new Color(0xCC79A7);

  /** Single-series bars and the p50 and p90 lines (p90 dashed). */
  public static final Color MEASURE = new Color(0x4D4D4D);

  /** Severities the palette does not know (such as UNKNOWN). */
  public static final Color OTHER = new Color(0x999999);

  /** Gridlines. */
  public static final Color GRID = new Color(0xDDDDDD);

  /** Orders severities as SEV1, SEV2, ..., then anything else alphabetically. */
  public static final Comparator<String> SEVERITY_ORDER =
      Comparator.comparingInt(Palette::severityRank).thenComparing(Comparator.naturalOrder());

  private Palette() {}

  public static Color severity(String severity) {
    return switch (severity.toUpperCase(Locale.ROOT)) {
      case "SEV1" -> VERMILLION;
      case "SEV2" -> ORANGE;
      case "SEV3" -> SKY_BLUE;
      case "SEV4" -> BLUISH_GREEN;
      default -> OTHER;
    };
  }

  public static Color phase(Phase phase) {
    return switch (phase) {
      case DETECT -> REDDISH_PURPLE;
      case ASSEMBLE -> BLUE;
      case TROUBLESHOOT -> YELLOW;
      case MITIGATE -> BLACK;
      case CLEANUP -> new Color(0xBBBBBB);
    };
  }

  private static int severityRank(String severity) {
    String upper = severity.toUpperCase(Locale.ROOT);
    if (upper.matches("SEV[0-9]+")) {
      return Integer.parseInt(upper.substring(3));
    }
    return Integer.MAX_VALUE;
  }
}
