package dev.incidents.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** The report's charts, in one palette, readable at report size (900 × 420 px). */
final class Charts {
  static final Color[] PALETTE = {
    new Color(0x1F4E79),
    new Color(0xE07B39),
    new Color(0x3A9D5D),
    new Color(0xC23B3B),
    new Color(0x7B5EA7),
    new Color(0x8C8C8C)
  };

  private Charts() {}

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    plot.setOutlineVisible(false);
    if (plot.getRenderer() instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
    }
    for (int i = 0; i < PALETTE.length; i++) {
      plot.getRenderer().setSeriesPaint(i, PALETTE[i]);
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2.5f));
    }
  }

  static void ttrTrend(Map<String, JFreeChart> charts, List<Map<String, Object>> rows) {
    List<Map<String, Object>> ordered = new ArrayList<>(rows);
    Collections.reverse(ordered);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map<String, Object> row : ordered) {
      add(
          data,
          Query.number(row, "p50_time_to_resolve_s") / 60,
          "p50",
          row.get("month").toString());
      add(
          data,
          Query.number(row, "p90_time_to_resolve_s") / 60,
          "p90",
          row.get("month").toString());
    }
    JFreeChart chart =
        ChartFactory.createLineChart("Time to resolve (minutes)", "month", "minutes", data);
    style(chart);
    charts.put("ttr_trend", chart);
  }

  static void phaseBreakdown(Map<String, JFreeChart> charts, List<Map<String, Object>> rows) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map<String, Object> row : rows) {
      for (String phase : List.of("detect", "assemble", "troubleshoot", "mitigate", "cleanup")) {
        add(
            data,
            Query.number(row, "mean_phase_" + phase + "_s") / 60,
            phase,
            row.get("severity").toString());
      }
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart(
            "Phase breakdown by severity (mean minutes)", "severity", "minutes", data);
    style(chart);
    charts.put("phases", chart);
  }

  static void bar(
      Map<String, JFreeChart> charts,
      String name,
      String title,
      String axis,
      List<Map<String, Object>> rows,
      String category,
      String value) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map<String, Object> row : rows) {
      add(data, Query.number(row, value), axis, row.get(category).toString());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, "", axis, data, PlotOrientation.HORIZONTAL, false, false, false);
    style(chart);
    charts.put(name, chart);
  }

  static void severityMix(Map<String, JFreeChart> charts, List<Map<String, Object>> rows) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map<String, Object> row : rows) {
      add(
          data,
          Query.number(row, "incidents"),
          row.get("severity").toString(),
          row.get("month").toString());
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart("Severity mix", "month", "incidents", data);
    style(chart);
    charts.put("severity_mix", chart);
  }

  static void postmortemCompletion(
      Map<String, JFreeChart> charts, List<Map<String, Object>> rows, double target) {
    List<Map<String, Object>> ordered = new ArrayList<>(rows);
    Collections.reverse(ordered);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map<String, Object> row : ordered) {
      add(
          data,
          Query.number(row, "pm_completion_rate") * 100,
          "completion %",
          row.get("month").toString());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Post-mortem completion (target " + Math.round(target * 100) + "%)",
            "month",
            "%",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    style(chart);
    ValueMarker marker = new ValueMarker(target * 100, PALETTE[3], new BasicStroke(2f));
    chart.getCategoryPlot().addRangeMarker(marker);
    chart.getCategoryPlot().getRangeAxis().setUpperBound(Math.max(105, target * 100 + 5));
    charts.put("postmortems", chart);
  }

  private static void add(
      DefaultCategoryDataset data, double value, String series, String category) {
    data.addValue(Double.isNaN(value) ? null : value, series, category);
  }
}
