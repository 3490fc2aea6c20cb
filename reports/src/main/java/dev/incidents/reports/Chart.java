package dev.incidents.reports;

import static java.util.Objects.requireNonNull;

import org.jfree.chart.JFreeChart;

/** A chart of a report: its id (which names its file), the JFreeChart, and its alt text. */
public record Chart(ChartId id, JFreeChart chart, String alt) {
  public Chart {
    requireNonNull(id, "id is null");
    requireNonNull(chart, "chart is null");
    requireNonNull(alt, "alt is null");
  }
}
