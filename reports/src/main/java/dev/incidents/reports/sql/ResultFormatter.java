package dev.incidents.reports.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Renders a result as an aligned table, CSV, JSON or Markdown. CSV and JSON carry nothing else. */
public final class ResultFormatter {
  private ResultFormatter() {}

  /** A fetched result: column names, up to maxRows rows as text, and the total row count. */
  public record Result(List<String> columns, List<List<String>> rows, long total) {}

  public static Result fetch(ResultSet result, int maxRows) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<List<String>> rows = new ArrayList<>();
    long total = 0;
    while (result.next()) {
      total++;
      if (rows.size() < maxRows) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          Object value = result.getObject(i);
          row.add(
              value == null
                  ? null
                  : value instanceof java.sql.Array array
                      ? java.util.Arrays.toString((Object[]) array.getArray())
                      : value.toString());
        }
        rows.add(row);
      }
    }
    return new Result(columns, rows, total);
  }

  public static String format(Result result, String format) {
    return switch (format) {
      case "csv" -> csv(result);
      case "json" -> json(result);
      case "markdown" -> markdown(result);
      default -> table(result);
    };
  }

  static String table(Result result) {
    int[] widths = new int[result.columns().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = result.columns().get(c).length();
      for (List<String> row : result.rows()) {
        widths[c] = Math.max(widths[c], Math.min(60, text(row.get(c)).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, result.columns(), widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
    }
    out.append(rule).append('\n');
    for (List<String> row : result.rows()) {
      line(out, row, widths);
    }
    if (result.total() > result.rows().size()) {
      out.append("(")
          .append(result.total() - result.rows().size())
          .append(" more rows; ")
          .append(result.total())
          .append(" in all)\n");
    } else {
      out.append("(").append(result.total()).append(result.total() == 1 ? " row)\n" : " rows)\n");
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String text = text(cells.get(c));
      if (text.length() > 60) {
        text = text.substring(0, 59) + "…";
      }
      out.append(c == 0 ? "" : " | ").append(text).append(" ".repeat(widths[c] - text.length()));
    }
    out.append('\n');
  }

  private static String text(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ');
  }

  static String csv(Result result) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", result.columns().stream().map(ResultFormatter::csvCell).toList()))
        .append('\n');
    for (List<String> row : result.rows()) {
      out.append(String.join(",", row.stream().map(ResultFormatter::csvCell).toList()))
          .append('\n');
    }
    return out.toString();
  }

  private static String csvCell(String value) {
    if (value == null) {
      return "";
    }
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  static String json(Result result) {
    StringWriter writer = new StringWriter();
    try (JsonGenerator json = new ObjectMapper().getFactory().createGenerator(writer)) {
      json.writeStartArray();
      for (List<String> row : result.rows()) {
        json.writeStartObject();
        for (int c = 0; c < result.columns().size(); c++) {
          if (row.get(c) == null) {
            json.writeNullField(result.columns().get(c));
          } else {
            json.writeStringField(result.columns().get(c), row.get(c));
          }
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return writer + "\n";
  }

  public static String markdown(Result result) {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", result.columns())).append(" |\n");
    out.append("|").append("---|".repeat(result.columns().size())).append('\n');
    for (List<String> row : result.rows()) {
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  row.stream()
                      .map(v -> v == null ? "" : v.replace("|", "\\|").replace("\n", " "))
                      .toList()))
          .append(" |\n");
    }
    if (result.total() > result.rows().size()) {
      out.append("\n_")
          .append(result.total())
          .append(" rows; the first ")
          .append(result.rows().size())
          .append(" are shown._\n");
    } else {
      out.append("\n_")
          .append(result.total())
          .append(result.total() == 1 ? " row._\n" : " rows._\n");
    }
    return out.toString();
  }
}
