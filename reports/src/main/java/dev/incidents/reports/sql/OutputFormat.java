package dev.incidents.reports.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a result is written. {@link #TABLE} and {@link #LINE} are for reading on a terminal and
 * honour the row cap; the machine formats ({@link #CSV}, {@link #JSON}, {@link #JSONL}, {@link
 * #MARKDOWN}) always carry every row and nothing else.
 */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON,
  JSONL,
  MARKDOWN,
  LINE;

  /** The name as typed on the command line and in {@code .mode}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the formats a person reads on a terminal; only they are capped. */
  public boolean display() {
    return switch (this) {
      case TABLE, LINE -> true;
      case CSV, JSON, JSONL, MARKDOWN -> false;
    };
  }

  public static Optional<OutputFormat> parse(String text) {
    for (OutputFormat format : values()) {
      if (format.label().equals(text)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** "table, csv, json, jsonl, markdown or line". */
  public static String choices() {
    String all = Arrays.stream(values()).map(OutputFormat::label).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }
}
