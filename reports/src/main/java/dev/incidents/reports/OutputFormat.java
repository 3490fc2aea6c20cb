package dev.incidents.reports;

import java.util.Locale;

/** The files a report can be written as; all are rendered from the same sections. */
public enum OutputFormat {
  MD,
  HTML,
  XLSX,
  PDF;

  /** The file name, such as {@code report.pdf}. */
  public String file() {
    return "report." + name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code md}, {@code html}, {@code xlsx} or {@code pdf}. */
  public static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.name().equalsIgnoreCase(text.strip())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Unknown report format '" + text + "' (expected md, html, xlsx or pdf)");
  }
}
