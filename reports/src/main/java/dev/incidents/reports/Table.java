package dev.incidents.reports;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of the report: Markdown prints it, the XLSX writes it with typed cells. A cell is a
 * String, Long, Double (plain number), {@link Duration}, {@link Change}, {@link Interval}, {@link
 * Percent}, {@link Share}, {@link Link}, {@link LocalDate}, {@link Instant} or null (empty).
 */
public record Table(String name, List<String> headers, List<List<Object>> rows) {
  public Table {
    requireNonNull(name, "name is null");
    headers = List.copyOf(headers);
    rows = new ArrayList<>(rows);
  }

  public Table(String name, List<String> headers) {
    this(name, headers, new ArrayList<>());
  }

  public Table add(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "Table " + name + " has " + headers.size() + " columns, got a row of " + cells.length);
    }
    List<Object> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell);
    }
    rows.add(row);
    return this;
  }

  /** A duration in seconds; Markdown shows seconds, minutes or hours, the XLSX minutes. */
  public record Duration(double seconds) {
    @Override
    public String toString() {
      return Format.duration(seconds);
    }
  }

  /** A signed change of a duration, in seconds. */
  public record Change(double seconds) {
    @Override
    public String toString() {
      return Format.signedDuration(seconds);
    }
  }

  /** A 95% interval of a change of a duration, in seconds; the XLSX writes both bounds. */
  public record Interval(double low, double high) {
    @Override
    public String toString() {
      return "[" + Format.signedDuration(low) + ", " + Format.signedDuration(high) + "]";
    }
  }

  /** A share in [0, 1], shown as a percentage. */
  public record Percent(double share) {
    @Override
    public String toString() {
      return Format.percent(share);
    }
  }

  /** A share in [0, 1] of n things, always shown with its n. */
  public record Share(double share, long n) {
    @Override
    public String toString() {
      return Format.percent(share) + " (n = " + n + ")";
    }
  }

  /** A link: Markdown and HTML show it as a link, the XLSX as a hyperlink cell. */
  public record Link(String text, String target) {
    public Link {
      requireNonNull(text, "text is null");
      requireNonNull(target, "target is null");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
