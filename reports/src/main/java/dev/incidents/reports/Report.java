package dev.incidents.reports;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A built report: a title, the period it covers (such as {@code 2026-11} or {@code 2026-Q4}), its
 * sections in order, and the sentences of its executive summary (also the first section).
 */
public record Report(String title, String period, List<String> summary, List<Section> sections) {
  public Report {
    requireNonNull(title, "title is null");
    requireNonNull(period, "period is null");
    summary = List.copyOf(summary);
    sections = List.copyOf(sections);
  }

  /** Every table, in order of appearance. */
  public List<Table> tables() {
    List<Table> tables = new ArrayList<>();
    for (Section section : sections) {
      for (Section.Block block : section.blocks()) {
        if (block instanceof Section.TableBlock table) {
          tables.add(table.table());
        }
      }
    }
    return tables;
  }

  /** Every chart, in order of appearance. */
  public List<Chart> charts() {
    List<Chart> charts = new ArrayList<>();
    for (Section section : sections) {
      for (Section.Block block : section.blocks()) {
        if (block instanceof Section.ChartBlock chart) {
          charts.add(chart.chart());
        }
      }
    }
    return charts;
  }
}
