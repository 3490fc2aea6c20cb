package dev.incidents.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The one chart style of the report and the notebooks: the {@link Palette}, fonts readable at
 * {@link #WIDTH} pixels, integer ticks for counts, a zero-based axis that stays sane when every
 * value is zero, every month of the window drawn (zero as zero), and alt text built from the data.
 */
public final class Charts {
  /** PNG width; the charts are laid out to stay readable at this size. */
  public static final int WIDTH = 700;

  public static final int HEIGHT = 400;

  private static final int MAXIMUM_LABEL = 32;

  private Charts() {}

  /** What the range axis measures: counts get integer ticks, the others decimal ones. */
  public enum Scale {
    COUNT,
    MINUTES,
    PERCENT
  }

  /**
   * Applies the common style to any category chart: white background, grid, fonts, no shadows,
   * neutral series colours, and the axis rules of {@code scale}. Notebooks call this too.
   */
  public static void style(JFreeChart chart, Scale scale) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setOutlineVisible(false);
    CategoryAxis categories = plot.getDomainAxis();
    categories.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    categories.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    categories.setMaximumCategoryLabelWidthRatio(0.45f);
    if (plot.getOrientation() == PlotOrientation.VERTICAL
        && plot.getDataset() != null
        && plot.getDataset().getColumnCount() > 6) {
      categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    NumberAxis values = (NumberAxis) plot.getRangeAxis();
    values.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    values.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    values.setAutoRangeIncludesZero(true);
    if (scale == Scale.COUNT) {
      values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    double maximum = maximum(plot);
    if (!(maximum > 0)) {
      values.setRange(0, scale == Scale.PERCENT ? 100 : 1);
    } else if (scale == Scale.PERCENT) {
      values.setRange(0, Math.max(105, maximum * 1.05));
    } else {
      values.setLowerBound(0);
    }
    CategoryItemRenderer renderer = plot.getRenderer();
    if (renderer instanceof BarRenderer bars) {
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setMaximumBarWidth(0.12);
    }
    for (int series = 0; series < plot.getDataset().getRowCount(); series++) {
      if (renderer.getSeriesPaint(series) == null) {
        renderer.setSeriesPaint(series, Palette.MEASURE);
      }
      renderer.setSeriesStroke(series, new BasicStroke(2.5f));
    }
  }

  private static double maximum(CategoryPlot plot) {
    double maximum = Double.NaN;
    var data = plot.getDataset();
    boolean stacked =
        plot.getRenderer() instanceof org.jfree.chart.renderer.category.StackedBarRenderer;
    for (int column = 0; column < data.getColumnCount(); column++) {
      double total = 0;
      for (int row = 0; row < data.getRowCount(); row++) {
        Number value = data.getValue(row, column);
        if (value != null) {
          total = stacked ? total + value.doubleValue() : Math.max(total, value.doubleValue());
        }
      }
      maximum = Double.isNaN(maximum) ? total : Math.max(maximum, total);
    }
    return maximum;
  }

  /** Shortens a category label so long rule names do not squeeze the plot. */
  public static String label(String text) {
    return text.length() <= MAXIMUM_LABEL ? text : text.substring(0, MAXIMUM_LABEL - 1) + "…";
  }

  /** A month's p50 and p90 time to resolve, in seconds (NaN when the month has none). */
  public record TrendPoint(YearMonth month, double p50Seconds, double p90Seconds, long n) {}

  /** p50 and p90 time to resolve per month, every month of the window drawn. */
  public static Chart trend(ChartId id, List<TrendPoint> points) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    for (TrendPoint point : points) {
      String month = point.month().toString();
      data.addValue(minutes(point.p50Seconds()), "p50", month);
      data.addValue(minutes(point.p90Seconds()), "p90", month);
      alt.add(
          month
              + (point.n() == 0
                  ? " no resolved incidents"
                  : " p50 "
                      + Format.duration(point.p50Seconds())
                      + ", p90 "
                      + Format.duration(point.p90Seconds())
                      + " (n = "
                      + point.n()
                      + ")"));
    }
    JFreeChart chart =
        ChartFactory.createLineChart(
            "Time to resolve, last " + points.size() + " months", "", "minutes", data);
    style(chart, Scale.MINUTES);
    LineAndShapeRenderer renderer = (LineAndShapeRenderer) chart.getCategoryPlot().getRenderer();
    renderer.setDefaultShapesVisible(true);
    renderer.setSeriesPaint(0, Palette.MEASURE);
    renderer.setSeriesPaint(1, Palette.MEASURE);
    renderer.setSeriesStroke(0, new BasicStroke(2.5f));
    renderer.setSeriesStroke(
        1,
        new BasicStroke(
            2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
    return new Chart(
        id,
        chart,
        "Line chart of p50 and p90 time to resolve over "
            + points.size()
            + " months: "
            + String.join("; ", alt)
            + ".");
  }

  /** Mean phase durations (seconds) per severity, stacked in phase order. */
  public static Chart phases(Map<String, double[]> meanSecondsBySeverity) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    List<String> severities = new ArrayList<>(meanSecondsBySeverity.keySet());
    severities.sort(Palette.SEVERITY_ORDER);
    for (Phase phase : Phase.values()) {
      for (String severity : severities) {
        data.addValue(
            minutes(meanSecondsBySeverity.get(severity)[phase.ordinal()]), phase.label(), severity);
      }
    }
    for (String severity : severities) {
      List<String> parts = new ArrayList<>();
      for (Phase phase : Phase.values()) {
        parts.add(
            phase.label()
                + " "
                + Format.duration(meanSecondsBySeverity.get(severity)[phase.ordinal()]));
      }
      alt.add(severity + ": " + String.join(", ", parts));
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart("Mean phase durations by severity", "", "minutes", data);
    CategoryItemRenderer renderer = chart.getCategoryPlot().getRenderer();
    for (Phase phase : Phase.values()) {
      renderer.setSeriesPaint(phase.ordinal(), Palette.phase(phase));
    }
    style(chart, Scale.MINUTES);
    return new Chart(
        ChartId.PHASES,
        chart,
        "Stacked bars of the mean phase durations per severity: "
            + (alt.isEmpty() ? "no resolved incidents" : String.join("; ", alt))
            + ".");
  }

  /** One count per category, as horizontal bars in the neutral colour. */
  public static Chart counts(
      ChartId id, String title, String axis, List<Map.Entry<String, Long>> values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    for (Map.Entry<String, Long> value : values) {
      data.addValue(value.getValue(), axis, label(value.getKey()));
      alt.add(value.getKey() + " " + value.getValue());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, "", axis, data, PlotOrientation.HORIZONTAL, false, false, false);
    style(chart, Scale.COUNT);
    return new Chart(
        id,
        chart,
        title + " (" + axis + "): " + (alt.isEmpty() ? "none" : String.join(", ", alt)) + ".");
  }

  /** Counted incidents per month and severity, stacked in severity order, every month drawn. */
  public static Chart severityMix(
      List<YearMonth> months, Map<YearMonth, Map<String, Long>> counts) {
    List<String> severities = new ArrayList<>();
    for (Map<String, Long> month : counts.values()) {
      for (String severity : month.keySet()) {
        if (!severities.contains(severity)) {
          severities.add(severity);
        }
      }
    }
    severities.sort(Palette.SEVERITY_ORDER);
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    for (String severity : severities) {
      for (YearMonth month : months) {
        data.addValue(
            counts.getOrDefault(month, Map.of()).getOrDefault(severity, 0L),
            severity,
            month.toString());
      }
    }
    for (YearMonth month : months) {
      List<String> parts = new ArrayList<>();
      for (String severity : severities) {
        parts.add(severity + " " + counts.getOrDefault(month, Map.of()).getOrDefault(severity, 0L));
      }
      alt.add(month + ": " + (parts.isEmpty() ? "none" : String.join(", ", parts)));
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart(
            "Incidents per month by severity", "", "incidents", data);
    CategoryItemRenderer renderer = chart.getCategoryPlot().getRenderer();
    for (int series = 0; series < severities.size(); series++) {
      renderer.setSeriesPaint(series, Palette.severity(severities.get(series)));
    }
    style(chart, Scale.COUNT);
    return new Chart(
        ChartId.SEVERITY_MIX,
        chart,
        "Stacked bars of counted incidents per month by severity over "
            + months.size()
            + " months: "
            + String.join("; ", alt)
            + ".");
  }

  /** A month's post-mortems: how many were required and how many of those were published. */
  public record PostmortemPoint(YearMonth month, long required, long published) {}

  /**
   * Post-mortem completion per month against the target. A month that required none is drawn
   * (labelled "none due") without a bar rather than dropped.
   */
  public static Chart postmortems(List<PostmortemPoint> points, double target) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    for (PostmortemPoint point : points) {
      String label =
          point.required() == 0 ? point.month() + " (none due)" : point.month().toString();
      data.addValue(
          point.required() == 0 ? null : 100.0 * point.published() / point.required(),
          "completion",
          label);
      alt.add(
          point.required() == 0
              ? point.month() + " none due"
              : point.month()
                  + " "
                  + point.published()
                  + " of "
                  + point.required()
                  + " ("
                  + Format.percent((double) point.published() / point.required())
                  + ")");
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Post-mortem completion (target " + Format.percent(target) + ")",
            "",
            "% published",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    style(chart, Scale.PERCENT);
    chart
        .getCategoryPlot()
        .addRangeMarker(
            new ValueMarker(
                target * 100,
                Palette.BLACK,
                new BasicStroke(
                    2f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {6f, 4f},
                    0f)));
    return new Chart(
        ChartId.POSTMORTEMS,
        chart,
        "Bars of the share of required post-mortems published per month, against a target of "
            + Format.percent(target)
            + ": "
            + String.join("; ", alt)
            + ".");
  }

  /** Counted incidents per month, every month drawn. */
  public static Chart incidentsPerMonth(List<Map.Entry<YearMonth, Long>> values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> alt = new ArrayList<>();
    for (Map.Entry<YearMonth, Long> value : values) {
      data.addValue(value.getValue(), "incidents", value.getKey().toString());
      alt.add(value.getKey() + " " + value.getValue());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Counted incidents per month",
            "",
            "incidents",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    style(chart, Scale.COUNT);
    return new Chart(
        ChartId.INCIDENTS_PER_MONTH,
        chart,
        "Bars of counted incidents per month: " + String.join(", ", alt) + ".");
  }

  /** The paint of a series, by its key, for tests and the palette check. */
  public static Paint seriesPaint(JFreeChart chart, String seriesKey) {
    CategoryPlot plot = chart.getCategoryPlot();
    int index = plot.getDataset().getRowIndex(seriesKey);
    return index < 0 ? null : plot.getRenderer().getSeriesPaint(index);
  }

  private static Double minutes(double seconds) {
    return Double.isNaN(seconds) ? null : seconds / 60.0;
  }
}
