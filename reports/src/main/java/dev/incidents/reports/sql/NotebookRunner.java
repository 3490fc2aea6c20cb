package dev.incidents.reports.sql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Runs a SQL notebook: Markdown with {@code ```sql} cells, optionally {@code ```sql chart=bar
 * x=service y=p50} (or {@code chart=line}). Each cell runs through the same hardened connection and
 * gate as the console; its result table (capped) follows it, with its chart, and a failing cell
 * shows its error in place.
 */
public final class NotebookRunner {
  public static final int MAX_ROWS = 50;

  /** The rendered notebook and whether any cell failed. */
  public record Outcome(
      String markdown, String html, int cells, int failed, Map<String, Long> rowsPerCell) {}

  private NotebookRunner() {}

  public static Outcome run(String notebook, Connection connection) {
    StatementGate gate = new StatementGate(connection);
    StringBuilder md = new StringBuilder();
    Map<String, byte[]> charts = new LinkedHashMap<>();
    Map<String, Long> rowsPerCell = new LinkedHashMap<>();
    List<String> lines = notebook.lines().toList();
    int cells = 0;
    int failed = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.trim().startsWith("```sql")) {
        md.append(line).append('\n');
        continue;
      }
      Map<String, String> info = info(line.trim().substring(6));
      StringBuilder sql = new StringBuilder();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).trim().startsWith("```")) {
        sql.append(lines.get(j)).append('\n');
        j++;
      }
      md.append(line).append('\n').append(sql).append("```\n\n");
      i = j;
      cells++;
      String cellName = "cell-" + cells;
      try {
        List<String> statements = gate.admit(sql.toString());
        ResultFormatter.Result result = null;
        for (String statement : statements) {
          try (Statement jdbc = connection.createStatement();
              ResultSet rows = jdbc.executeQuery(statement)) {
            result = ResultFormatter.fetch(rows, MAX_ROWS);
          }
        }
        rowsPerCell.put(cellName, result.total());
        md.append(ResultFormatter.markdown(result)).append('\n');
        if (info.containsKey("chart")) {
          byte[] png = chart(info, result);
          charts.put(cellName + ".png", png);
          md.append("![").append(cellName).append("](").append(cellName).append(".png)\n\n");
        }
      } catch (SqlError e) {
        failed++;
        md.append("> **Error:** ").append(e.getMessage()).append("\n\n");
      } catch (SQLException e) {
        failed++;
        md.append("> **Error:** ").append(SqlSession.error(e).getMessage()).append("\n\n");
      } catch (IOException | RuntimeException e) {
        failed++;
        md.append("> **Error:** ").append(e.getMessage()).append("\n\n");
      }
    }
    return new Outcome(md.toString(), html(md.toString(), charts), cells, failed, rowsPerCell);
  }

  /**
   * Writes NAME.md and/or NAME.html into out, creating the folders it needs with mode 0755 and the
   * files with mode 0644 whatever the umask, so a report server or a colleague can read them.
   */
  public static void write(Outcome outcome, Path out, String name, List<String> formats)
      throws IOException {
    createReadableDirectories(out);
    if (formats.contains("md")) {
      writeReadable(out.resolve(name + ".md"), outcome.markdown());
    }
    if (formats.contains("html")) {
      writeReadable(out.resolve(name + ".html"), outcome.html());
    }
  }

  static void createReadableDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    List<Path> missing = new java.util.ArrayList<>();
    for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    Files.createDirectories(absolute);
    for (Path created : missing) {
      setMode(created, "rwxr-xr-x");
    }
  }

  static void writeReadable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    setMode(file, "rw-r--r--");
  }

  private static void setMode(Path path, String mode) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(
          path, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    }
  }

  static Map<String, String> info(String text) {
    Map<String, String> info = new HashMap<>();
    for (String part : text.trim().split("\\s+")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        info.put(part.substring(0, equals), part.substring(equals + 1));
      }
    }
    return info;
  }

  private static byte[] chart(Map<String, String> info, ResultFormatter.Result result)
      throws IOException {
    String x = info.getOrDefault("x", result.columns().get(0));
    String y =
        info.getOrDefault("y", result.columns().get(Math.min(1, result.columns().size() - 1)));
    int xi = result.columns().indexOf(x);
    int yi = result.columns().indexOf(y);
    if (xi < 0 || yi < 0) {
      throw new IllegalArgumentException(
          "chart: no column " + (xi < 0 ? x : y) + " in " + result.columns());
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (List<Object> row : result.rows()) {
      Object value = row.get(yi);
      data.addValue(
          value == null
              ? null
              : value instanceof Number number
                  ? Double.valueOf(number.doubleValue())
                  : Double.valueOf(ResultFormatter.text(value)),
          y,
          row.get(xi) == null ? "NULL" : ResultFormatter.text(row.get(xi)));
    }
    JFreeChart chart =
        info.get("chart").equals("line")
            ? ChartFactory.createLineChart(y + " by " + x, x, y, data)
            : ChartFactory.createBarChart(
                y + " by " + x, x, y, data, PlotOrientation.VERTICAL, false, false, false);
    // The report's one chart style (palette, fonts, readable labels, integer ticks for counts).
    boolean whole = true;
    for (int row = 0; row < data.getRowCount(); row++) {
      for (int column = 0; column < data.getColumnCount(); column++) {
        Number value = data.getValue(row, column);
        if (value != null && value.doubleValue() != Math.rint(value.doubleValue())) {
          whole = false;
        }
      }
    }
    dev.incidents.reports.Charts.style(
        chart,
        whole
            ? dev.incidents.reports.Charts.Scale.COUNT
            : dev.incidents.reports.Charts.Scale.MINUTES);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(
        png, chart, dev.incidents.reports.Charts.WIDTH, dev.incidents.reports.Charts.HEIGHT);
    return png.toByteArray();
  }

  static String html(String markdown, Map<String, byte[]> charts) {
    String body = dev.incidents.reports.ReportWriter.markdownToHtml(markdown);
    for (Map.Entry<String, byte[]> chart : charts.entrySet()) {
      body =
          body.replace(
              "src=\"" + chart.getKey() + "\"",
              "src=\"data:image/png;base64,"
                  + Base64.getEncoder().encodeToString(chart.getValue())
                  + "\"");
    }
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}"
        + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2em .5em}pre{background:#f5f5f5;padding:.6em}blockquote{color:#a00}</style></head><body>\n"
        + body
        + "</body></html>\n";
  }
}
