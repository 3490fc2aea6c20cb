package dev.incidents.reports;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.pdf.converter.PdfConverterExtension;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.incidents.core.io.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jfree.chart.ChartUtils;

/**
 * Writes a report's files from its sections: {@code report.md} with PNG charts beside it, a
 * self-contained {@code report.html} (charts as data URIs), {@code report.pdf} (the same HTML
 * through Flexmark's PDF converter on openhtmltopdf) and {@code report.xlsx}. The folder is
 * replaced atomically, so a re-run never leaves a half-written report; folders are 0755 and files
 * 0644 so that a web server or a colleague can read them.
 */
public final class ReportWriter {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Path PDF_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  private static final Path PDF_BOLD_FONT =
      Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

  private ReportWriter() {}

  /** The PNG of each chart, by file name. */
  public static Map<String, byte[]> images(Report report) throws IOException {
    Map<String, byte[]> images = new LinkedHashMap<>();
    for (Chart chart : report.charts()) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(png, chart.chart(), Charts.WIDTH, Charts.HEIGHT);
      images.put(chart.id().file(), png.toByteArray());
    }
    return images;
  }

  public static void write(Report report, Path out, Set<OutputFormat> formats) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
    try {
      Map<String, byte[]> images = images(report);
      String markdown = MarkdownRenderer.render(report);
      if (formats.contains(OutputFormat.MD)) {
        Files.writeString(staging.resolve(OutputFormat.MD.file()), markdown);
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
          Files.write(staging.resolve(image.getKey()), image.getValue());
        }
      }
      if (formats.contains(OutputFormat.HTML)) {
        Files.writeString(
            staging.resolve(OutputFormat.HTML.file()), html(report, markdown, images, false));
      }
      if (formats.contains(OutputFormat.PDF)) {
        try (OutputStream stream =
            Files.newOutputStream(staging.resolve(OutputFormat.PDF.file()))) {
          pdf(html(report, markdown, images, true), stream);
        }
      }
      if (formats.contains(OutputFormat.XLSX)) {
        try (OutputStream stream =
            Files.newOutputStream(staging.resolve(OutputFormat.XLSX.file()))) {
          XlsxRenderer.write(report, images, stream);
        }
      }
      permissions(staging);
      Path old = parent.resolve("." + out.getFileName() + ".old-" + System.nanoTime());
      if (Files.exists(out)) {
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
      FileTrees.deleteRecursively(old);
    } finally {
      FileTrees.deleteRecursively(staging);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates missing folders as 0755, whatever the umask. */
  static void createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    createDirectories(absolute.getParent());
    Files.createDirectory(absolute);
    if (posix()) {
      Files.setPosixFilePermissions(absolute, DIRECTORY);
    }
  }

  private static void permissions(Path folder) throws IOException {
    if (!posix()) {
      return;
    }
    Files.setPosixFilePermissions(folder, DIRECTORY);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.setPosixFilePermissions(file, Files.isDirectory(file) ? DIRECTORY : FILE);
      }
    }
  }

  static String html(Report report, String markdown, Map<String, byte[]> images, boolean forPdf) {
    String body = markdownToHtml(markdown);
    for (Map.Entry<String, byte[]> image : images.entrySet()) {
      body =
          body.replace(
              "src=\"" + image.getKey() + "\"",
              "src=\"data:image/png;base64,"
                  + Base64.getEncoder().encodeToString(image.getValue())
                  + "\"");
    }
    boolean font = forPdf && Files.isReadable(PDF_FONT) && Files.isReadable(PDF_BOLD_FONT);
    if (forPdf && !font) {
      // The PDF's built-in fonts have no U+2212 minus sign.
      body = body.replace('\u2212', '-');
    }
    String style =
        forPdf
            ? (font
                    ? "@font-face{font-family:'DejaVu Sans';src:url('"
                        + PDF_FONT.toUri()
                        + "');}\n@font-face{font-family:'DejaVu Sans';font-weight:bold;src:url('"
                        + PDF_BOLD_FONT.toUri()
                        + "');}\n"
                    : "")
                + "@page{size:A4;margin:14mm}\n"
                + "body{font-family:"
                + (font ? "'DejaVu Sans'," : "")
                + "sans-serif;font-size:9pt;color:#1b1b1b;line-height:1.35}\n"
                + "h1{font-size:17pt;color:#0072B2}h2{font-size:12pt;border-bottom:1.5px solid #0072B2;margin-top:1.4em}h3{font-size:10pt}\n"
                + "table{border-collapse:collapse;margin:.6em 0;font-size:7.5pt;width:100%}th,td{border:0.5px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}th{background:#eef3f8}\n"
                + "img{width:100%}a{color:#0072B2}\n"
            : "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1b1b1b;line-height:1.45}\n"
                + "h1{color:#0072B2}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:2em}\n"
                + "#executive-summary + p{font-size:1.08em;background:#f4f8fb;border-left:4px solid #0072B2;padding:.7em 1em}\n"
                + "table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#eef3f8}\n"
                + "tr:nth-child(even) td{background:#fafafa}img{max-width:100%;height:auto;display:block;margin:1em 0}code{background:#f3f3f3;padding:0 .2em}\n";
    String script =
        forPdf
            ? ""
            : "<script>window.addEventListener('load',function(){var i=document.images,n=0;for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)n++;}"
                + "document.body.setAttribute('data-images',n+'/'+i.length);});</script>\n";
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>"
        + escape(report.title())
        + "</title>\n<style>\n"
        + style
        + "</style>\n"
        + script
        + "</head><body>\n"
        + body
        + "</body></html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static void pdf(String html, OutputStream out) {
    // openhtmltopdf logs every font load and selector count at INFO on the console.
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    PdfConverterExtension.exportToPdf(out, html, "", new MutableDataSet());
  }

  private static MutableDataSet markdownOptions() {
    MutableDataSet options = new MutableDataSet();
    options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
    options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
    options.set(HtmlRenderer.RENDER_HEADER_ID, true);
    return options;
  }

  /** GitHub-flavoured Markdown (with tables) to an HTML fragment; shared with the notebooks. */
  public static String markdownToHtml(String markdown) {
    MutableDataSet options = markdownOptions();
    return HtmlRenderer.builder(options)
        .build()
        .render(Parser.builder(options).build().parse(markdown));
  }
}
