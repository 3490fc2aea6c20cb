package dev.incidents.reports;

import dev.incidents.reports.Table.Change;
import dev.incidents.reports.Table.Duration;
import dev.incidents.reports.Table.Interval;
import dev.incidents.reports.Table.Link;
import dev.incidents.reports.Table.Percent;
import dev.incidents.reports.Table.Share;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook: a Summary sheet first (title, executive summary, the charts as pictures), then one
 * sheet per table. Numbers are numeric cells with number formats: durations and changes in minutes
 * (the unit in the header), an interval as two numeric bound columns, shares as percentages with
 * their n in a column of its own, dates and times as date cells (UTC).
 */
public final class XlsxRenderer {
  /** Rows of the Summary sheet that one chart picture covers. */
  static final int CHART_ROWS = 21;

  private XlsxRenderer() {}

  /** How a column is written, from the kind of its first non-null cell. */
  enum Kind {
    TEXT,
    COUNT,
    NUMBER,
    DURATION,
    CHANGE,
    INTERVAL,
    PERCENT,
    SHARE,
    LINK,
    DATE,
    TIMESTAMP;

    static Kind of(Object value) {
      if (value instanceof Long || value instanceof Integer) {
        return COUNT;
      }
      if (value instanceof Double) {
        return NUMBER;
      }
      if (value instanceof Duration) {
        return DURATION;
      }
      if (value instanceof Change) {
        return CHANGE;
      }
      if (value instanceof Interval) {
        return INTERVAL;
      }
      if (value instanceof Percent) {
        return PERCENT;
      }
      if (value instanceof Share) {
        return SHARE;
      }
      if (value instanceof Link) {
        return LINK;
      }
      if (value instanceof LocalDate) {
        return DATE;
      }
      if (value instanceof Instant) {
        return TIMESTAMP;
      }
      return TEXT;
    }

    List<String> headers(String header) {
      return switch (this) {
        case DURATION, CHANGE -> List.of(header + " (min)");
        case INTERVAL -> List.of(header + " low (min)", header + " high (min)");
        case SHARE -> List.of(header, header + " n");
        case TIMESTAMP -> List.of(header + " (UTC)");
        case TEXT, COUNT, NUMBER, PERCENT, LINK, DATE -> List.of(header);
      };
    }
  }

  private record Styles(
      CellStyle header,
      CellStyle count,
      CellStyle number,
      CellStyle minutes,
      CellStyle change,
      CellStyle percent,
      CellStyle date,
      CellStyle timestamp,
      CellStyle link,
      CellStyle wrap,
      CellStyle title) {}

  public static void write(Report report, Map<String, byte[]> images, OutputStream out)
      throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Styles styles = styles(workbook);
      summary(workbook, styles, report, images);
      Set<String> names = new HashSet<>();
      names.add("Summary");
      for (Table table : report.tables()) {
        table(workbook, styles, table, sheetName(table.name(), names));
      }
      workbook.write(out);
    }
  }

  private static String sheetName(String name, Set<String> used) {
    String base = name.length() > 28 ? name.substring(0, 28) : name;
    String candidate = base;
    for (int i = 2; !used.add(candidate); i++) {
      candidate = base + "_" + i;
    }
    return candidate;
  }

  private static Styles styles(Workbook workbook) {
    CreationHelper helper = workbook.getCreationHelper();
    var bold = workbook.createFont();
    bold.setBold(true);
    CellStyle header = workbook.createCellStyle();
    header.setFont(bold);
    var big = workbook.createFont();
    big.setBold(true);
    big.setFontHeightInPoints((short) 16);
    CellStyle title = workbook.createCellStyle();
    title.setFont(big);
    CellStyle count = format(workbook, helper, "0");
    CellStyle number = format(workbook, helper, "0.0#");
    CellStyle minutes = format(workbook, helper, "0.0");
    CellStyle change = format(workbook, helper, "+0.0;-0.0;0.0");
    CellStyle percent = format(workbook, helper, "0.0%");
    CellStyle date = format(workbook, helper, "yyyy-mm-dd");
    CellStyle timestamp = format(workbook, helper, "yyyy-mm-dd hh:mm");
    CellStyle link = workbook.createCellStyle();
    var blue = workbook.createFont();
    blue.setUnderline(org.apache.poi.ss.usermodel.Font.U_SINGLE);
    blue.setColor(org.apache.poi.ss.usermodel.IndexedColors.BLUE.getIndex());
    link.setFont(blue);
    CellStyle wrap = workbook.createCellStyle();
    wrap.setWrapText(true);
    wrap.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
    return new Styles(
        header, count, number, minutes, change, percent, date, timestamp, link, wrap, title);
  }

  private static CellStyle format(Workbook workbook, CreationHelper helper, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(helper.createDataFormat().getFormat(format));
    return style;
  }

  /** Markdown inline syntax as plain text: links keep their text, emphasis marks go. */
  static String plain(String markdown) {
    return markdown
        .replaceAll("\\[([^\\]]*)]\\(([^)]*)\\)", "$1")
        .replace("**", "")
        .replace("`", "");
  }

  private static void summary(
      XSSFWorkbook workbook, Styles styles, Report report, Map<String, byte[]> images) {
    Sheet sheet = workbook.createSheet("Summary");
    sheet.setColumnWidth(0, 120 * 256);
    int r = 0;
    Cell title = sheet.createRow(r++).createCell(0);
    title.setCellValue(report.title());
    title.setCellStyle(styles.title());
    sheet.createRow(r++).createCell(0).setCellValue("Period: " + report.period());
    r++;
    Cell heading = sheet.createRow(r++).createCell(0);
    heading.setCellValue("Executive summary");
    heading.setCellStyle(styles.header());
    for (String sentence : report.summary()) {
      Row row = sheet.createRow(r++);
      String text = plain(sentence);
      row.setHeightInPoints(15f * (1 + text.length() / 110));
      Cell cell = row.createCell(0);
      cell.setCellValue(text);
      cell.setCellStyle(styles.wrap());
    }
    r++;
    Drawing<?> drawing = sheet.createDrawingPatriarch();
    CreationHelper helper = workbook.getCreationHelper();
    for (Chart chart : report.charts()) {
      Cell caption = sheet.createRow(r++).createCell(0);
      caption.setCellValue(chart.alt());
      caption.setCellStyle(styles.wrap());
      caption.getRow().setHeightInPoints(15f * (1 + chart.alt().length() / 110));
      int picture = workbook.addPicture(images.get(chart.id().file()), Workbook.PICTURE_TYPE_PNG);
      ClientAnchor anchor = helper.createClientAnchor();
      anchor.setCol1(0);
      anchor.setRow1(r);
      drawing.createPicture(anchor, picture).resize(1.0);
      r += CHART_ROWS;
    }
  }

  private static void table(XSSFWorkbook workbook, Styles styles, Table table, String name) {
    Sheet sheet = workbook.createSheet(name);
    List<Kind> kinds = new ArrayList<>();
    for (int c = 0; c < table.headers().size(); c++) {
      Kind kind = Kind.TEXT;
      for (List<Object> values : table.rows()) {
        if (values.get(c) != null && !(values.get(c) instanceof String)) {
          kind = Kind.of(values.get(c));
          break;
        }
      }
      kinds.add(kind);
    }
    Row head = sheet.createRow(0);
    int width = 0;
    List<Integer> widths = new ArrayList<>();
    for (int c = 0; c < kinds.size(); c++) {
      for (String header : kinds.get(c).headers(table.headers().get(c))) {
        Cell cell = head.createCell(width++);
        cell.setCellValue(header);
        cell.setCellStyle(styles.header());
        widths.add(header.length());
      }
    }
    CreationHelper helper = workbook.getCreationHelper();
    int r = 1;
    for (List<Object> values : table.rows()) {
      Row row = sheet.createRow(r++);
      int column = 0;
      for (int c = 0; c < kinds.size(); c++) {
        Object value = values.get(c);
        int span = kinds.get(c).headers("").size();
        if (value != null) {
          write(row, column, value, styles, helper);
          String shown = value.toString();
          widths.set(column, Math.max(widths.get(column), Math.min(60, shown.length())));
        }
        column += span;
      }
    }
    sheet.createFreezePane(0, 1);
    if (width > 0) {
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, width - 1));
    }
    for (int c = 0; c < widths.size(); c++) {
      sheet.setColumnWidth(c, (widths.get(c) + 3) * 256);
    }
  }

  private static void write(
      Row row, int column, Object value, Styles styles, CreationHelper helper) {
    Cell cell = row.createCell(column);
    if (value instanceof Long || value instanceof Integer) {
      cell.setCellValue(((Number) value).longValue());
      cell.setCellStyle(styles.count());
    } else if (value instanceof Double number) {
      if (!number.isNaN()) {
        cell.setCellValue(number);
        cell.setCellStyle(styles.number());
      }
    } else if (value instanceof Duration duration) {
      cell.setCellValue(duration.seconds() / 60.0);
      cell.setCellStyle(styles.minutes());
    } else if (value instanceof Change change) {
      cell.setCellValue(change.seconds() / 60.0);
      cell.setCellStyle(styles.change());
    } else if (value instanceof Interval interval) {
      cell.setCellValue(interval.low() / 60.0);
      cell.setCellStyle(styles.change());
      Cell high = row.createCell(column + 1);
      high.setCellValue(interval.high() / 60.0);
      high.setCellStyle(styles.change());
    } else if (value instanceof Percent percent) {
      cell.setCellValue(percent.share());
      cell.setCellStyle(styles.percent());
    } else if (value instanceof Share share) {
      cell.setCellValue(share.share());
      cell.setCellStyle(styles.percent());
      Cell n = row.createCell(column + 1);
      n.setCellValue(share.n());
      n.setCellStyle(styles.count());
    } else if (value instanceof Link link) {
      cell.setCellValue(link.text());
      if (!link.target().startsWith("#")) {
        Hyperlink hyperlink =
            helper.createHyperlink(
                link.target().matches("(?i)https?://.*") ? HyperlinkType.URL : HyperlinkType.FILE);
        hyperlink.setAddress(link.target());
        cell.setHyperlink(hyperlink);
        cell.setCellStyle(styles.link());
      }
    } else if (value instanceof LocalDate date) {
      cell.setCellValue(date);
      cell.setCellStyle(styles.date());
    } else if (value instanceof Instant instant) {
      cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
      cell.setCellStyle(styles.timestamp());
    } else {
      cell.setCellValue(value.toString());
    }
  }
}
