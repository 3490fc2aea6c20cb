package dev.incidents.reports;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * A built monthly report: its Markdown (charts linked as {@code name.png}), the tables for the
 * workbook, and the charts.
 */
public record Report(
    String month, String markdown, List<Table> tables, Map<String, JFreeChart> charts) {}
