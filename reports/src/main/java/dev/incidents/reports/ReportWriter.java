package dev.incidents.reports;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.incidents.reports.Table.Duration;
import dev.incidents.reports.Table.Percent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes a report's files: {@code report.md} with PNG charts beside it, a self-contained {@code
 * report.html} (charts embedded as data URIs), and {@code report.xlsx} with one sheet per table.
 * The folder is replaced atomically: a re-run never leaves a half-written report.
 */
public final class ReportWriter {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  private ReportWriter() {}

  public static void write(Report report, Path out, Set<String> formats) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
    try {
      Map<String, byte[]> images = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JFreeChart> chart : report.charts().entrySet()) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart.getValue(), WIDTH, HEIGHT);
        images.put(chart.getKey() + ".png", png.toByteArray());
      }
      if (formats.contains("md")) {
        Files.writeString(staging.resolve("report.md"), report.markdown());
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
          Files.write(staging.resolve(image.getKey()), image.getValue());
        }
      }
      if (formats.contains("html")) {
        Files.writeString(staging.resolve("report.html"), html(report, images));
      }
      if (formats.contains("xlsx")) {
        try (OutputStream stream = Files.newOutputStream(staging.resolve("report.xlsx"))) {
          xlsx(report.tables(), stream);
        }
      }
      Path old = parent.resolve("." + out.getFileName() + ".old-" + System.nanoTime());
      if (Files.exists(out)) {
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
      dev.incidents.core.io.FileTrees.deleteRecursively(old);
    } finally {
      dev.incidents.core.io.FileTrees.deleteRecursively(staging);
    }
  }

  static String html(Report report, Map<String, byte[]> images) {
    String body = markdownToHtml(report.markdown());
    for (Map.Entry<String, byte[]> image : images.entrySet()) {
      body =
          body.replace(
              "src=\"" + image.getKey() + "\"",
              "src=\"data:image/png;base64,"
                  + Base64.getEncoder().encodeToString(image.getValue())
                  + "\"");
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Incident report "
        + report.month()
        + "</title>\n<style>\n"
        + "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}\n"
        + "h1{color:#1F4E79}h2{border-bottom:2px solid #1F4E79;padding-bottom:.2em;margin-top:2em}\n"
        + "table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#eef3f8}\n"
        + "tr:nth-child(even) td{background:#fafafa}img{max-width:100%;height:auto;display:block;margin:1em 0}code{background:#f3f3f3;padding:0 .2em}\n"
        + "</style>\n<script>window.addEventListener('load',function(){var i=document.images,n=0;for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)n++;}"
        + "document.body.setAttribute('data-images',n+'/'+i.length);});</script>\n</head><body>\n"
        + body
        + "</body></html>\n";
  }

  /** GitHub-flavoured Markdown (with tables) to an HTML fragment; shared with the notebooks. */
  public static String markdownToHtml(String markdown) {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    return HtmlRenderer.builder(options)
        .build()
        .render(Parser.builder(options).build().parse(markdown));
  }

  static void xlsx(List<Table> tables, OutputStream out) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      CellStyle header = workbook.createCellStyle();
      var bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle percent = workbook.createCellStyle();
      percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
      CellStyle minutes = workbook.createCellStyle();
      minutes.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
      for (Table table : tables) {
        String name = table.name().length() > 31 ? table.name().substring(0, 31) : table.name();
        Sheet sheet = workbook.createSheet(name);
        Row head = sheet.createRow(0);
        for (int c = 0; c < table.headers().size(); c++) {
          String title = table.headers().get(c);
          Cell cell = head.createCell(c);
          cell.setCellValue(title);
          cell.setCellStyle(header);
        }
        int r = 1;
        for (List<Object> values : table.rows()) {
          Row row = sheet.createRow(r++);
          for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value == null) {
              continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof Long number) {
              cell.setCellValue(number);
            } else if (value instanceof Double number) {
              if (!number.isNaN()) {
                cell.setCellValue(number);
              }
            } else if (value instanceof Duration duration) {
              cell.setCellValue(duration.seconds() / 60.0);
              cell.setCellStyle(minutes);
            } else if (value instanceof Percent share) {
              cell.setCellValue(share.share());
              cell.setCellStyle(percent);
            } else {
              cell.setCellValue(value.toString());
            }
          }
        }
        sheet.createFreezePane(0, 1);
        if (!table.headers().isEmpty()) {
          sheet.setAutoFilter(
              new CellRangeAddress(0, Math.max(0, r - 1), 0, table.headers().size() - 1));
        }
        for (int c = 0; c < table.headers().size(); c++) {
          int width = table.headers().get(c).length();
          for (List<Object> values : table.rows()) {
            if (c < values.size() && values.get(c) != null) {
              width = Math.max(width, Math.min(60, values.get(c).toString().length()));
            }
          }
          sheet.setColumnWidth(c, (width + 3) * 256);
        }
      }
      workbook.write(out);
    }
  }
}
