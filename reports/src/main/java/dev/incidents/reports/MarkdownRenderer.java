package dev.incidents.reports;

import dev.incidents.reports.Section.Block;
import dev.incidents.reports.Section.Bullets;
import dev.incidents.reports.Section.ChartBlock;
import dev.incidents.reports.Section.Heading;
import dev.incidents.reports.Section.Paragraph;
import dev.incidents.reports.Section.TableBlock;
import dev.incidents.reports.Table.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Markdown rendering of a report: charts are linked as their {@link ChartId#file()}, links
 * stay links. HTML and PDF are rendered from this Markdown; the XLSX from the same sections.
 */
public final class MarkdownRenderer {
  private MarkdownRenderer() {}

  public static String render(Report report) {
    StringBuilder markdown = new StringBuilder();
    markdown.append("# ").append(report.title()).append("\n\n");
    for (Section section : report.sections()) {
      markdown.append("## ").append(section.title()).append("\n\n");
      for (Block block : section.blocks()) {
        if (block instanceof Paragraph paragraph) {
          markdown.append(paragraph.text()).append("\n\n");
        } else if (block instanceof Heading heading) {
          markdown.append("### ").append(heading.text()).append("\n\n");
        } else if (block instanceof Bullets bullets) {
          for (String item : bullets.items()) {
            markdown.append("- ").append(item).append('\n');
          }
          markdown.append('\n');
        } else if (block instanceof TableBlock table) {
          table(markdown, table.table());
        } else if (block instanceof ChartBlock chart) {
          markdown
              .append("![")
              .append(chart.chart().alt().replace("[", "(").replace("]", ")"))
              .append("](")
              .append(chart.chart().id().file())
              .append(")\n\n");
        } else {
          throw new IllegalStateException("Unknown block " + block);
        }
      }
    }
    return markdown.toString();
  }

  private static void table(StringBuilder markdown, Table table) {
    if (table.rows().isEmpty()) {
      markdown.append("_None._\n\n");
      return;
    }
    markdown.append("| ").append(String.join(" | ", table.headers())).append(" |\n");
    markdown.append("|").append("---|".repeat(table.headers().size())).append('\n');
    for (List<Object> row : table.rows()) {
      List<String> cells = new ArrayList<>();
      for (Object cell : row) {
        cells.add(cell(cell));
      }
      markdown.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    markdown.append('\n');
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Link link) {
      return "[" + escape(link.text()) + "](" + link.target().replace(" ", "%20") + ")";
    }
    if (value instanceof Double number) {
      return Format.number(number);
    }
    if (value instanceof Instant instant) {
      return instant.toString().replace("T", " ").replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC");
    }
    return escape(value.toString());
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
