package dev.incidents.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the report: Markdown prints it, the XLSX writes it with typed cells. Cell values are
 * String, Long, Double (plain numbers), {@link Duration} seconds, {@link Percent} or null.
 */
public record Table(String name, List<String> headers, List<List<Object>> rows) {
  public Table {
    headers = List.copyOf(headers);
    rows = new ArrayList<>(rows);
  }

  public Table(String name, List<String> headers) {
    this(name, headers, new ArrayList<>());
  }

  public Table add(Object... cells) {
    List<Object> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell);
    }
    rows.add(row);
    return this;
  }

  /** A duration in seconds, shown as minutes or hours. */
  public record Duration(double seconds) {
    @Override
    public String toString() {
      return Format.duration(seconds);
    }
  }

  /** A share in [0, 1], shown as a percentage. */
  public record Percent(double share) {
    @Override
    public String toString() {
      return Format.percent(share);
    }
  }
}
