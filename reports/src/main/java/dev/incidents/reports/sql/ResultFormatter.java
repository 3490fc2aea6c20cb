package dev.incidents.reports.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a result in one of the {@link OutputFormat}s. Values keep their types: numbers, booleans
 * and NULL stay themselves in JSON, LIST columns are arrays, and instants are ISO-8601 with {@code
 * Z}. The machine formats stream every row; only the display formats stop at the row cap, and the
 * caller is told how many rows there were so it can say so.
 */
public final class ResultFormatter {
  /** Cells wider than this are cut with an ellipsis in {@link OutputFormat#TABLE}. */
  public static final int CELL_WIDTH = 60;

  private static final JsonFactory JSON = new JsonFactory();

  private ResultFormatter() {}

  /** A fetched result: column names, up to the cap's rows of typed values, and the row count. */
  public record Result(List<String> columns, List<List<Object>> rows, long total) {
    public Result {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      if (total < rows.size()) {
        throw new IllegalArgumentException("total " + total + " < fetched " + rows.size());
      }
    }

    public boolean capped() {
      return total > rows.size();
    }
  }

  /** What {@link #write} wrote: rows in the result, rows written. */
  public record Written(long total, long shown) {
    public boolean capped() {
      return total > shown;
    }
  }

  /**
   * Reads a result, keeping up to {@code maxRows} rows (0: every row) and counting the rest.
   *
   * @throws IllegalArgumentException when maxRows is negative
   */
  public static Result fetch(ResultSet result, long maxRows) throws SQLException {
    requireCap(maxRows);
    List<String> columns = columns(result);
    List<List<Object>> rows = new ArrayList<>();
    long total = 0;
    while (result.next()) {
      total++;
      if (maxRows == 0 || rows.size() < maxRows) {
        rows.add(row(result, columns.size()));
      }
    }
    return new Result(columns, rows, total);
  }

  /**
   * Writes a result. {@link OutputFormat#display() Display} formats keep at most {@code maxRows}
   * rows (0: no limit) and end with a "(N rows)" line unless capped; the other formats write every
   * row whatever the cap.
   */
  public static Written write(ResultSet result, OutputFormat format, long maxRows, Writer out)
      throws SQLException, IOException {
    requireCap(maxRows);
    return switch (format) {
      case TABLE, LINE -> {
        Result fetched = fetch(result, maxRows);
        out.write(format == OutputFormat.TABLE ? table(fetched) : lines(fetched));
        if (!fetched.capped()) {
          out.write(rowCount(fetched.total()));
        }
        yield new Written(fetched.total(), fetched.rows().size());
      }
      case CSV -> stream(result, out, new CsvSink(out));
      case JSON -> stream(result, out, new JsonSink(out, true));
      case JSONL -> stream(result, out, new JsonSink(out, false));
      case MARKDOWN -> stream(result, out, new MarkdownSink(out));
    };
  }

  /** The stderr line when the display stopped at the cap, naming how to see every row. */
  public static String capNotice(Written written, String moreRows, String allRows) {
    return String.format(
        Locale.ROOT,
        "(showing %,d of %,d rows; %s, or %s for all)",
        written.shown(),
        written.total(),
        moreRows,
        allRows);
  }

  static String rowCount(long total) {
    return "(" + String.format(Locale.ROOT, "%,d", total) + (total == 1 ? " row)\n" : " rows)\n");
  }

  private static void requireCap(long maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("The row cap is 0 (no limit) or more, not " + maxRows);
    }
  }

  private static List<String> columns(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    return columns;
  }

  private static List<Object> row(ResultSet result, int width) throws SQLException {
    List<Object> row = new ArrayList<>(width);
    for (int i = 1; i <= width; i++) {
      row.add(value(result.getObject(i)));
    }
    return row;
  }

  /**
   * A JDBC value as one of: null, Boolean, a Number, String, Instant, LocalDateTime, LocalDate, a
   * List of such values, or a Map of String to such values.
   */
  static Object value(Object value) throws SQLException {
    if (value == null
        || value instanceof Boolean
        || value instanceof Number
        || value instanceof String
        || value instanceof LocalDate
        || value instanceof LocalDateTime) {
      return value;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ZonedDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Instant) {
      return value;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      // A TIMESTAMP without a zone: its wall-clock reading, as DuckDB holds it.
      return timestamp.toLocalDateTime();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Array array) {
      Object elements = array.getArray();
      List<Object> list = new ArrayList<>();
      if (elements instanceof Object[] objects) {
        for (Object element : objects) {
          list.add(value(element));
        }
      } else {
        int length = java.lang.reflect.Array.getLength(elements);
        for (int i = 0; i < length; i++) {
          list.add(value(java.lang.reflect.Array.get(elements, i)));
        }
      }
      return list;
    }
    if (value instanceof List<?> elements) {
      List<Object> list = new ArrayList<>();
      for (Object element : elements) {
        list.add(value(element));
      }
      return list;
    }
    if (value instanceof org.duckdb.DuckDBStruct duck) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Object> field : duck.getMap().entrySet()) {
        fields.put(field.getKey(), value(field.getValue()));
      }
      return fields;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.put(String.valueOf(entry.getKey()), value(entry.getValue()));
      }
      return entries;
    }
    return value.toString();
  }

  /** A value as text for the table, line, CSV and Markdown formats; null is the empty string. */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    if (value instanceof LocalDateTime time) {
      return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
    if (value instanceof Double number) {
      return number(number);
    }
    if (value instanceof Float number) {
      return number(number.doubleValue());
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object element : list) {
        parts.add(element == null ? "NULL" : text(element));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        parts.add(
            entry.getKey() + ": " + (entry.getValue() == null ? "NULL" : text(entry.getValue())));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return value.toString();
  }

  private static String number(double number) {
    if (Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString((long) number) + ".0";
    }
    return Double.toString(number);
  }

  private static String display(Object value) {
    return value == null ? "NULL" : text(value).replace('\n', ' ');
  }

  static String table(Result result) {
    int[] widths = new int[result.columns().size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = result.columns().get(c).length();
      for (List<Object> row : result.rows()) {
        widths[c] = Math.max(widths[c], Math.min(CELL_WIDTH, display(row.get(c)).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    tableLine(out, new ArrayList<>(result.columns()), widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
    }
    out.append(rule).append('\n');
    for (List<Object> row : result.rows()) {
      tableLine(out, row, widths);
    }
    return out.toString();
  }

  /** The width of the widest line {@link #table} renders. */
  public static int tableWidth(Result result) {
    return table(result).lines().mapToInt(String::length).max().orElse(0);
  }

  private static void tableLine(StringBuilder out, List<?> cells, int[] widths) {
    for (int c = 0; c < widths.length; c++) {
      String text = display(cells.get(c));
      if (text.length() > CELL_WIDTH) {
        text = text.substring(0, CELL_WIDTH - 1) + "…";
      }
      out.append(c == 0 ? "" : " | ").append(text).append(" ".repeat(widths[c] - text.length()));
    }
    out.append('\n');
  }

  /** One line per column and value, a blank line between rows; values are never cut. */
  static String lines(Result result) {
    int width = result.columns().stream().mapToInt(String::length).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < result.rows().size(); r++) {
      if (r > 0) {
        out.append('\n');
      }
      List<Object> row = result.rows().get(r);
      for (int c = 0; c < result.columns().size(); c++) {
        String name = result.columns().get(c);
        out.append(" ".repeat(width - name.length()))
            .append(name)
            .append(" = ")
            .append(row.get(c) == null ? "NULL" : text(row.get(c)))
            .append('\n');
      }
    }
    return out.toString();
  }

  public static String markdown(Result result) {
    StringWriter out = new StringWriter();
    try {
      MarkdownSink sink = new MarkdownSink(out);
      sink.start(result.columns());
      for (List<Object> row : result.rows()) {
        sink.row(row);
      }
      if (result.capped()) {
        out.write(
            String.format(
                Locale.ROOT,
                "\n_%,d rows; the first %,d are shown._\n",
                result.total(),
                result.rows().size()));
      } else {
        sink.end(result.total());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A whole result as text in a machine format (every row). */
  public static String format(Result result, OutputFormat format) {
    StringWriter out = new StringWriter();
    try {
      Sink sink =
          switch (format) {
            case CSV -> new CsvSink(out);
            case JSON -> new JsonSink(out, true);
            case JSONL -> new JsonSink(out, false);
            case MARKDOWN -> new MarkdownSink(out);
            case TABLE, LINE -> null;
          };
      if (sink == null) {
        out.write(format == OutputFormat.TABLE ? table(result) : lines(result));
        if (!result.capped()) {
          out.write(rowCount(result.total()));
        }
        return out.toString();
      }
      sink.start(result.columns());
      for (List<Object> row : result.rows()) {
        sink.row(row);
      }
      sink.end(result.rows().size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Written stream(ResultSet result, Writer out, Sink sink)
      throws SQLException, IOException {
    List<String> columns = columns(result);
    sink.start(columns);
    long rows = 0;
    while (result.next()) {
      sink.row(row(result, columns.size()));
      rows++;
    }
    sink.end(rows);
    out.flush();
    return new Written(rows, rows);
  }

  private interface Sink {
    void start(List<String> columns) throws IOException;

    void row(List<Object> values) throws IOException;

    void end(long rows) throws IOException;
  }

  /** RFC 4180 CSV; NULL is an empty field, a LIST is a JSON array. */
  private static final class CsvSink implements Sink {
    private final Writer out;

    CsvSink(Writer out) {
      this.out = out;
    }

    @Override
    public void start(List<String> columns) throws IOException {
      out.write(String.join(",", columns.stream().map(CsvSink::cell).toList()));
      out.write('\n');
    }

    @Override
    public void row(List<Object> values) throws IOException {
      List<String> cells = new ArrayList<>(values.size());
      for (Object value : values) {
        cells.add(
            cell(
                value instanceof List<?> || value instanceof Map<?, ?>
                    ? json(value)
                    : text(value)));
      }
      out.write(String.join(",", cells));
      out.write('\n');
    }

    @Override
    public void end(long rows) {}

    private static String cell(String value) {
      return value.contains(",")
              || value.contains("\"")
              || value.contains("\n")
              || value.contains("\r")
          ? "\"" + value.replace("\"", "\"\"") + "\""
          : value;
    }

    private static String json(Object value) throws IOException {
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(text)) {
        writeJson(generator, value);
      }
      return text.toString();
    }
  }

  /** A JSON array of objects, or with {@code array} false one object per line (JSON Lines). */
  private static final class JsonSink implements Sink {
    private final Writer out;
    private final boolean array;
    private List<String> columns;
    private boolean first = true;

    JsonSink(Writer out, boolean array) {
      this.out = out;
      this.array = array;
    }

    @Override
    public void start(List<String> columns) throws IOException {
      this.columns = columns;
      if (array) {
        out.write('[');
      }
    }

    @Override
    public void row(List<Object> values) throws IOException {
      if (array && !first) {
        out.write(',');
      }
      first = false;
      StringWriter text = new StringWriter();
      try (JsonGenerator generator = JSON.createGenerator(text)) {
        generator.writeStartObject();
        for (int c = 0; c < columns.size(); c++) {
          generator.writeFieldName(columns.get(c));
          writeJson(generator, values.get(c));
        }
        generator.writeEndObject();
      }
      out.write(text.toString());
      if (!array) {
        out.write('\n');
      }
    }

    @Override
    public void end(long rows) throws IOException {
      if (array) {
        out.write("]\n");
      }
    }
  }

  /** A GitHub-flavoured Markdown table and a row count. */
  private static final class MarkdownSink implements Sink {
    private final Writer out;

    MarkdownSink(Writer out) {
      this.out = out;
    }

    @Override
    public void start(List<String> columns) throws IOException {
      out.write("| " + String.join(" | ", columns) + " |\n");
      out.write("|" + "---|".repeat(columns.size()) + "\n");
    }

    @Override
    public void row(List<Object> values) throws IOException {
      List<String> cells = new ArrayList<>(values.size());
      for (Object value : values) {
        cells.add(text(value).replace("|", "\\|").replace("\n", " "));
      }
      out.write("| " + String.join(" | ", cells) + " |\n");
    }

    @Override
    public void end(long rows) throws IOException {
      out.write(String.format(Locale.ROOT, "\n_%,d %s._\n", rows, rows == 1 ? "row" : "rows"));
    }
  }

  static void writeJson(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger number) {
      generator.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      generator.writeNumber(number);
    } else if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        generator.writeNumber(number);
      } else {
        // JSON has no NaN or infinity; the text keeps the value visible instead of a silent null.
        generator.writeString(Double.toString(number));
      }
    } else if (value instanceof Number number) {
      generator.writeNumber(new BigDecimal(number.toString()));
    } else if (value instanceof Instant instant) {
      generator.writeString(DateTimeFormatter.ISO_INSTANT.format(instant));
    } else if (value instanceof List<?> list) {
      generator.writeStartArray();
      for (Object element : list) {
        writeJson(generator, element);
      }
      generator.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        generator.writeFieldName(String.valueOf(entry.getKey()));
        writeJson(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else {
      generator.writeString(text(value));
    }
  }
}
