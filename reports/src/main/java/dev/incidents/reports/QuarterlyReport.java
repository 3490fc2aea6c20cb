package dev.incidents.reports;

import static dev.incidents.reports.ReportData.count;
import static dev.incidents.reports.ReportData.number;
import static dev.incidents.reports.ReportData.parameters;
import static dev.incidents.reports.ReportData.text;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.reports.Table.Duration;
import dev.incidents.reports.Table.Share;
import java.sql.Connection;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quarterly report: the quarter's months side by side, the quarter against the one before (p50
 * and p90 time to resolve with 95% bootstrap intervals over the incidents of both quarters), the
 * trend charts, and every counted incident at the post-mortem severities. A quarter that has not
 * ended covers its months up to the as-of and says so.
 */
public final class QuarterlyReport {
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  /** A calendar quarter, such as 2026-Q4. */
  public record Quarter(int year, int number) {
    public Quarter {
      if (number < 1 || number > 4) {
        throw new IllegalArgumentException("Invalid quarter number: " + number);
      }
    }

    public static Quarter parse(String text) {
      Matcher matcher = QUARTER.matcher(text.strip());
      if (!matcher.matches()) {
        throw new DateTimeParseException(
            "Invalid quarter '" + text + "' (expected YYYY-Qn, such as 2026-Q4)", text, 0);
      }
      return new Quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public static Quarter of(YearMonth month) {
      return new Quarter(month.getYear(), (month.getMonthValue() - 1) / 3 + 1);
    }

    public YearMonth first() {
      return YearMonth.of(year, (number - 1) * 3 + 1);
    }

    public YearMonth last() {
      return first().plusMonths(2);
    }

    public Quarter previous() {
      return of(first().minusMonths(1));
    }

    @Override
    public String toString() {
      return year + "-Q" + number;
    }
  }

  private final ReportData data;
  private final Config config;
  private final Quarter quarter;
  private final MonthlyReport.Options options;
  private final List<String> pmSeverities;
  private final int intervalN;

  public QuarterlyReport(
      Connection connection, Config config, Quarter quarter, MonthlyReport.Options options) {
    this.data = new ReportData(connection);
    this.config = config;
    this.quarter = quarter;
    this.options = options;
    this.pmSeverities = config.getList(ConfigKeys.POSTMORTEM_SEVERITIES);
    this.intervalN = config.getInt(ConfigKeys.REPORT_INTERVAL_MINIMUM_N);
  }

  public Report build() {
    List<Map<String, Object>> history =
        data.rows(
            ReportQuery.HISTORY,
            parameters(
                "from",
                quarter.last().minusMonths(12).toString(),
                "month",
                quarter.last().toString()));
    Map<String, Map<String, Object>> byMonth = new HashMap<>();
    for (Map<String, Object> row : history) {
      byMonth.put(text(row, "month"), row);
    }
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth month = quarter.first();
        !month.isAfter(quarter.last());
        month = month.plusMonths(1)) {
      if (byMonth.containsKey(month.toString())) {
        months.add(month);
      }
    }
    if (months.isEmpty()) {
      throw new MonthlyReport.EmptyWindowException(
          "No incidents or alerts in "
              + quarter
              + " (has `incidents transform` run over this period?)");
    }
    YearMonth last = months.get(months.size() - 1);
    Instant asOf =
        options
            .asOf()
            .orElse(Instant.ofEpochSecond(count(byMonth.get(last.toString()), "as_of_epoch_s")));
    List<Map<String, Object>> incidents =
        data.rows(
            ReportQuery.PERIOD_VALUES,
            parameters("from", quarter.first().toString(), "to", last.toString()));
    Quarter previous = quarter.previous();
    YearMonth previousLast = previous.first().plusMonths(months.size() - 1);
    List<Map<String, Object>> before =
        data.rows(
            ReportQuery.PERIOD_VALUES,
            parameters("from", previous.first().toString(), "to", previousLast.toString()));
    String covered =
        months.size() == 3
            ? quarter.toString()
            : quarter + " to date (" + quarter.first() + " to " + last + ")";
    String previousCovered =
        months.size() == 3
            ? previous.toString()
            : "the same months of "
                + previous
                + " ("
                + previous.first()
                + " to "
                + previousLast
                + ")";

    List<String> summary = new ArrayList<>();
    summary.add(
        covered
            + " had "
            + ExecutiveSummary.plural(incidents.size(), "counted incident")
            + mix(incidents)
            + ", against "
            + before.size()
            + " in "
            + previousCovered
            + mix(before)
            + ".");
    double[] now = resolve(incidents);
    double[] earlier = resolve(before);
    Table comparison =
        new Table(
            "quarter_comparison",
            List.of(
                "Figure",
                "This quarter",
                "Previous",
                "Change",
                "95% CI of change",
                "n",
                "n previous",
                "Note"));
    Optional<Bootstrap.Interval> p50Interval = Optional.empty();
    for (double q : new double[] {0.5, 0.9}) {
      Optional<Bootstrap.Interval> interval =
          now.length < intervalN || earlier.length < intervalN
              ? Optional.empty()
              : Bootstrap.differenceOfQuantiles(
                  now,
                  earlier,
                  q,
                  config.getInt(ConfigKeys.BOOTSTRAP_RESAMPLES),
                  config.getInt(ConfigKeys.BOOTSTRAP_SEED));
      if (q == 0.5) {
        p50Interval = interval;
      }
      double value = Bootstrap.quantileOf(now, q);
      double old = Bootstrap.quantileOf(earlier, q);
      comparison.add(
          (q == 0.5 ? "p50" : "p90") + " time to resolve",
          now.length == 0 ? null : new Duration(value),
          earlier.length == 0 ? null : new Duration(old),
          now.length == 0 || earlier.length == 0 ? null : new Table.Change(value - old),
          interval.map(i -> new Table.Interval(i.low(), i.high())).orElse(null),
          (long) now.length,
          (long) earlier.length,
          interval.map(i -> i.significant() ? "significant" : "not significant").orElse(""));
    }
    summary.add(
        ExecutiveSummary.changeSentence(
            now.length == 0 || earlier.length == 0
                ? List.of()
                : List.of(
                    new ExecutiveSummary.Change(
                        "p50 time to resolve",
                        Bootstrap.quantileOf(now, 0.5),
                        Bootstrap.quantileOf(earlier, 0.5),
                        now.length,
                        earlier.length,
                        p50Interval)),
            incidents.size(),
            Optional.of((long) before.size()),
            intervalN,
            "quarter"));
    long required =
        incidents.stream().filter(row -> Boolean.TRUE.equals(row.get("pm_required"))).count();
    long published = incidents.stream().filter(row -> published(row, asOf)).count();
    double target = config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION);
    summary.add(
        required == 0
            ? "No post-mortem was required this quarter."
            : "Post-mortems: "
                + published
                + " of "
                + required
                + " required published ("
                + Format.percent((double) published / required)
                + ", target "
                + Format.percent(target)
                + ", "
                + ((double) published / required >= target - 1e-9 ? "met" : "missed")
                + ") as of "
                + asOf.atOffset(ZoneOffset.UTC).toLocalDate()
                + ".");

    Section.Builder monthsSection =
        new Section.Builder("months-of-the-quarter", "Months of the quarter");
    Table table =
        new Table(
            "quarter_months",
            List.of(
                "Month",
                "Incidents",
                String.join("+", pmSeverities),
                "p50 TTR",
                "p90 TTR",
                "Alerts",
                "Post-mortems published"));
    for (YearMonth month : months) {
      Map<String, Object> row = byMonth.get(month.toString());
      long severe =
          incidents.stream()
              .filter(i -> text(i, "month").equals(month.toString()))
              .filter(i -> pmSeverities.contains(text(i, "severity")))
              .count();
      double p50 = number(row, "p50_time_to_resolve_s");
      double p90 = number(row, "p90_time_to_resolve_s");
      long due = count(row, "pm_required");
      table.add(
          month.toString(),
          count(row, "incidents"),
          severe,
          Double.isNaN(p50) ? null : new Duration(p50),
          Double.isNaN(p90) ? null : new Duration(p90),
          count(row, "alerts_fired"),
          due == 0 ? null : new Share(number(row, "pm_completion_rate"), due));
    }
    monthsSection.table(table);
    if (months.size() < 3) {
      monthsSection.paragraph(
          "The quarter has not ended: it covers "
              + ExecutiveSummary.plural(months.size(), "month")
              + ", compared with the same months of "
              + previous
              + ".");
    }

    Section.Builder versus =
        new Section.Builder("quarter-against-the-previous-one", "Quarter against the previous one");
    versus.table(comparison);
    versus.paragraph(
        "Intervals are 95% percentile-bootstrap intervals over the incidents of both periods; none"
            + " is printed when either has fewer than "
            + intervalN
            + " resolved incidents.");

    Section.Builder trends = new Section.Builder("trends", "Trends");
    YearMonth lakeStart =
        history.isEmpty() ? last : YearMonth.parse(text(history.get(0), "first_month"));
    List<YearMonth> window = new ArrayList<>();
    for (int back = 11; back >= 0; back--) {
      YearMonth month = last.minusMonths(back);
      if (!month.isBefore(lakeStart)) {
        window.add(month);
      }
    }
    List<Charts.TrendPoint> points = new ArrayList<>();
    List<Map.Entry<YearMonth, Long>> perMonth = new ArrayList<>();
    for (YearMonth month : window) {
      Map<String, Object> row = byMonth.getOrDefault(month.toString(), Map.of());
      points.add(
          new Charts.TrendPoint(
              month,
              number(row, "p50_time_to_resolve_s"),
              number(row, "p90_time_to_resolve_s"),
              count(row, "n_time_to_resolve")));
      perMonth.add(Map.entry(month, count(row, "incidents")));
    }
    trends.chart(
        Charts.trend(
            window.size() >= 12 ? ChartId.TTR_TREND_12_MONTHS : ChartId.TTR_TREND_3_MONTHS,
            window.size() >= 12
                ? points
                : points.subList(Math.max(0, points.size() - 3), points.size())));
    trends.chart(Charts.incidentsPerMonth(perMonth));
    Map<YearMonth, Map<String, Long>> mix = new HashMap<>();
    for (Map<String, Object> row :
        data.rows(
            ReportQuery.SEVERITY_HISTORY,
            parameters(
                "from", window.get(0).minusMonths(1).toString(), "month", last.toString()))) {
      mix.computeIfAbsent(
              YearMonth.parse(text(row, "month")), m -> new TreeMap<>(Palette.SEVERITY_ORDER))
          .put(text(row, "severity"), count(row, "incidents"));
    }
    trends.chart(Charts.severityMix(window, mix));

    Section.Builder severe =
        new Section.Builder("incidents-of-the-quarter", "Incidents of the quarter");
    Table list =
        new Table(
            "quarter_incidents",
            List.of("Incident", "Month", "Title", "Severity", "Time to resolve", "Post-mortem"));
    incidents.stream()
        .filter(row -> pmSeverities.contains(text(row, "severity")))
        .sorted(
            Comparator.comparing(
                    (Map<String, Object> row) -> text(row, "severity"), Palette.SEVERITY_ORDER)
                .thenComparing(row -> text(row, "month"))
                .thenComparing(row -> text(row, "reference")))
        .forEach(
            row -> {
              double ttr = number(row, "time_to_resolve_s");
              list.add(
                  text(row, "reference"),
                  text(row, "month"),
                  text(row, "title"),
                  text(row, "severity"),
                  Double.isNaN(ttr) ? "open" : new Duration(ttr),
                  published(row, asOf) ? "published" : "not published");
            });
    severe.paragraph(
        "Every counted " + String.join(" and ", pmSeverities) + " incident of " + covered + ".");
    severe.table(list);

    Section definitions =
        new Section.Builder("definitions-and-provenance", "Definitions and provenance")
            .bullets(
                List.of(
                    "Metric definitions: version `"
                        + text(byMonth.get(last.toString()), "definitions_version")
                        + "` (see `docs/metrics.md`)",
                    "Months: "
                        + quarter.first()
                        + " to "
                        + last
                        + " ("
                        + config.getZone(ConfigKeys.REPORT_TIMEZONE).getId()
                        + ")",
                    "As of: "
                        + asOf
                        + (options.asOf().isPresent() ? " (--as-of)" : " (the transform's as-of)"),
                    "Generated: " + options.generatedAt()))
            .build();
    List<Section> sections = new ArrayList<>();
    sections.add(
        new Section.Builder("executive-summary", "Executive summary")
            .paragraph(String.join(" ", summary))
            .build());
    sections.add(monthsSection.build());
    sections.add(versus.build());
    sections.add(trends.build());
    sections.add(severe.build());
    sections.add(definitions);
    return new Report(
        "Quarterly incident report: " + quarter, quarter.toString(), summary, sections);
  }

  private static boolean published(Map<String, Object> row, Instant asOf) {
    return Boolean.TRUE.equals(row.get("pm_required"))
        && row.get("postmortem_published_at") != null
        && MonthlyReport.instant(row.get("postmortem_published_at")).getEpochSecond()
            <= asOf.getEpochSecond();
  }

  private static double[] resolve(List<Map<String, Object>> rows) {
    return rows.stream()
        .mapToDouble(row -> number(row, "time_to_resolve_s"))
        .filter(value -> !Double.isNaN(value))
        .toArray();
  }

  private static String mix(List<Map<String, Object>> rows) {
    Map<String, Long> counts = new TreeMap<>(Palette.SEVERITY_ORDER);
    for (Map<String, Object> row : rows) {
      counts.merge(text(row, "severity"), 1L, Long::sum);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      parts.add(entry.getValue() + " " + entry.getKey());
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }
}
