package dev.incidents.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every lake query of the report, one SQL file each under {@code report/} on the classpath ({@code
 * reports/src/main/resources/report/NAME.sql}). A file starts with a header comment that says what
 * it returns and which parameters it takes; {@code ${name}} marks a bound parameter. {@code
 * docs/metrics.md} prints the headers ({@link ReportDocs}).
 */
public enum ReportQuery {
  MONTH_METRICS,
  INCIDENT_VALUES,
  HISTORY,
  SEVERITY_HISTORY,
  INCIDENTS_THIS_MONTH,
  LEAD_NAMES,
  POSTMORTEM_LINKS,
  PHASES_BY_SEVERITY,
  SERVICES,
  INCIDENT_TYPES,
  NOISY_RULES,
  PERIOD_VALUES,
  OVERDUE_POSTMORTEMS,
  OVERDUE_ACTION_ITEMS,
  RESPONDER_LOAD,
  EXCLUDED,
  OPEN_INCIDENTS,
  DATA_QUALITY,
  QUARANTINE,
  INPUTS;

  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([a-z_]+)}");

  /** The file name, such as {@code month_metrics.sql}. */
  public String file() {
    return name().toLowerCase(Locale.ROOT) + ".sql";
  }

  /** The file's text. */
  public String text() {
    String resource = "/report/" + file();
    try (InputStream stream = ReportQuery.class.getResourceAsStream(resource)) {
      if (stream == null) {
        throw new IllegalStateException("Missing report query " + resource);
      }
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read report query " + resource, e);
    }
  }

  /** The header comment without its {@code --} markers. */
  public String header() {
    StringBuilder header = new StringBuilder();
    for (String line : text().split("\n")) {
      if (!line.startsWith("--")) {
        break;
      }
      header.append(line.substring(2).strip()).append('\n');
    }
    return header.toString().strip();
  }

  /** The parameter names in order of appearance, one entry per occurrence. */
  public List<String> parameters() {
    List<String> names = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(body());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The SQL with every {@code ${name}} replaced by a {@code ?} placeholder. */
  public String statement() {
    return PARAMETER.matcher(body()).replaceAll("?");
  }

  private String body() {
    StringBuilder body = new StringBuilder();
    for (String line : text().split("\n")) {
      if (!line.startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }
}
