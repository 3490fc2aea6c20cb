package dev.incidents.reports;

import static dev.incidents.reports.ReportData.count;
import static dev.incidents.reports.ReportData.number;
import static dev.incidents.reports.ReportData.parameters;
import static dev.incidents.reports.ReportData.text;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.reports.ExecutiveSummary.TargetStatus;
import dev.incidents.reports.Table.Change;
import dev.incidents.reports.Table.Duration;
import dev.incidents.reports.Table.Interval;
import dev.incidents.reports.Table.Link;
import dev.incidents.reports.Table.Percent;
import dev.incidents.reports.Table.Share;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The monthly leadership report, in the order of METRICS.md "Report contents", opened by the
 * executive summary. Every lake query is a {@link ReportQuery} file; each section is built by one
 * method that returns a typed {@link Section}. Month-over-month changes carry a 95% bootstrap
 * interval (fixed seed) when both months have at least {@code report.interval-minimum-n} values;
 * the small-sample caveat is one legend; every share prints its n.
 */
public final class MonthlyReport {
  /** Thrown when the month has nothing to report: a scheduler should alert. */
  public static final class EmptyWindowException extends RuntimeException {
    public EmptyWindowException(String message) {
      super(message);
    }
  }

  /** Where the report's links point and what decides overdue and open. */
  public record Options(Instant generatedAt, Optional<Instant> asOf, Path outDir, Path draftsDir) {
    public Options {
      java.util.Objects.requireNonNull(generatedAt, "generatedAt is null");
      java.util.Objects.requireNonNull(asOf, "asOf is null");
      java.util.Objects.requireNonNull(outDir, "outDir is null");
      java.util.Objects.requireNonNull(draftsDir, "draftsDir is null");
    }
  }

  static final int OTHER_INCIDENTS = 5;
  static final int DRIVERS = 3;
  static final int LISTED = 50;
  static final int SERVICES_CHARTED = 15;
  static final String SMALL_SAMPLE_MARK = "†";

  private final ReportData data;
  private final Config config;
  private final YearMonth month;
  private final YearMonth previous;
  private final Options options;
  private final ZoneId zone;
  private final int resamples;
  private final long seed;
  private final int smallN;
  private final int intervalN;
  private final List<String> pmSeverities;
  private final List<String> targetSeverities;
  private final Map<String, Map<String, Object>> now;
  private final Map<String, Map<String, Object>> before;
  private final List<Map<String, Object>> values;
  private final List<Map<String, Object>> previousValues;
  private final Instant asOf;
  private final YearMonth lakeStart;
  private final List<Section> sections = new ArrayList<>();
  private final List<ExecutiveSummary.Change> changes = new ArrayList<>();
  private final List<ExecutiveSummary.Target> targets = new ArrayList<>();
  private final Map<String, Link> incidentLinks = new HashMap<>();
  private long overduePostmortems;
  private long overdueActionItems;

  public MonthlyReport(Connection connection, Config config, YearMonth month, Options options) {
    this.data = new ReportData(connection);
    this.config = config;
    this.month = month;
    this.previous = month.minusMonths(1);
    this.options = options;
    this.zone = config.getZone(ConfigKeys.REPORT_TIMEZONE);
    this.resamples = config.getInt(ConfigKeys.BOOTSTRAP_RESAMPLES);
    this.seed = config.getInt(ConfigKeys.BOOTSTRAP_SEED);
    this.smallN = config.getInt(ConfigKeys.SMALL_SAMPLE_N);
    this.intervalN = config.getInt(ConfigKeys.REPORT_INTERVAL_MINIMUM_N);
    this.pmSeverities = config.getList(ConfigKeys.POSTMORTEM_SEVERITIES);
    this.targetSeverities = config.getList(ConfigKeys.TARGET_SEVERITIES);
    this.now = bySeverity(month);
    this.before = bySeverity(previous);
    Map<String, Object> all = now.getOrDefault("ALL", Map.of());
    if (all.isEmpty()
        || count(all, "incidents") + count(all, "excluded_incidents") + count(all, "alerts_fired")
            == 0) {
      throw new EmptyWindowException(
          "No incidents or alerts in "
              + month
              + " (has `incidents transform` run over this period?)");
    }
    this.asOf = options.asOf().orElse(Instant.ofEpochSecond(count(all, "as_of_epoch_s")));
    this.lakeStart =
        YearMonth.parse(
            text(
                data.rows(
                        ReportQuery.HISTORY,
                        parameters("from", previous.toString(), "month", month.toString()))
                    .get(0),
                "first_month"));
    this.values = data.rows(ReportQuery.INCIDENT_VALUES, parameters("month", month.toString()));
    this.previousValues =
        data.rows(ReportQuery.INCIDENT_VALUES, parameters("month", previous.toString()));
  }

  private Map<String, Map<String, Object>> bySeverity(YearMonth which) {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.MONTH_METRICS, parameters("month", which.toString()))) {
      rows.put(text(row, "severity"), row);
    }
    return rows;
  }

  private Map<String, Object> all() {
    return now.get("ALL");
  }

  public Report build() {
    Section incidents = incidentsThisMonth();
    Section headline = headline();
    Section postmortems = postmortems();
    List<Section> rest = new ArrayList<>();
    rest.add(headline);
    rest.add(incidents);
    rest.add(trends());
    rest.add(phases());
    rest.add(services());
    rest.add(alerts());
    rest.add(postmortems);
    rest.add(response());
    rest.add(onCall());
    rest.add(excludedAndOpen());
    Section quality = dataQuality();
    rest.add(quality);
    rest.add(definitions());
    List<String> summary = ExecutiveSummary.sentences(facts());
    sections.add(
        new Section.Builder("executive-summary", "Executive summary")
            .paragraph(String.join(" ", summary))
            .build());
    sections.addAll(rest);
    return new Report(
        "Incident report: " + ExecutiveSummary.monthName(month),
        month.toString(),
        summary,
        sections);
  }

  // ---- executive summary --------------------------------------------------------------------

  private ExecutiveSummary.Facts facts() {
    List<Map<String, Object>> history =
        data.rows(
            ReportQuery.HISTORY,
            parameters("from", month.minusMonths(7).toString(), "month", previous.toString()));
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row : history) {
      counts.put(text(row, "month"), count(row, "incidents"));
    }
    List<Double> trailing = new ArrayList<>();
    for (int back = 1; back <= 6; back++) {
      YearMonth earlier = month.minusMonths(back);
      if (!earlier.isBefore(lakeStart)) {
        trailing.add((double) counts.getOrDefault(earlier.toString(), 0L));
      }
    }
    OptionalDouble median =
        trailing.isEmpty()
            ? OptionalDouble.empty()
            : OptionalDouble.of(
                Bootstrap.quantileOf(trailing.stream().mapToDouble(d -> d).toArray(), 0.5));
    Optional<Long> previousIncidents =
        previous.isBefore(lakeStart)
            ? Optional.empty()
            : Optional.of(count(before.getOrDefault("ALL", Map.of()), "incidents"));
    List<ExecutiveSummary.Fallback> fallbacks = new ArrayList<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.DATA_QUALITY, parameters("month", month.toString()))) {
      double share = number(row, "fallback_pct");
      if (!Double.isNaN(share)) {
        fallbacks.add(
            new ExecutiveSummary.Fallback(text(row, "milestone"), share, count(row, "incidents")));
      }
    }
    return new ExecutiveSummary.Facts(
        month,
        count(all(), "incidents"),
        severityCounts(now),
        previousIncidents,
        severityCounts(before),
        median,
        trailing.size(),
        changes,
        intervalN,
        targets,
        worst(),
        asOf,
        overduePostmortems,
        overdueActionItems,
        fallbacks);
  }

  private static Map<String, Long> severityCounts(Map<String, Map<String, Object>> rows) {
    Map<String, Long> counts = new TreeMap<>(Palette.SEVERITY_ORDER);
    for (Map.Entry<String, Map<String, Object>> row : rows.entrySet()) {
      if (!row.getKey().equals("ALL") && count(row.getValue(), "incidents") > 0) {
        counts.put(row.getKey(), count(row.getValue(), "incidents"));
      }
    }
    return counts;
  }

  private Optional<ExecutiveSummary.Incident> worst() {
    Map<String, Object> worst = null;
    for (Map<String, Object> row : values) {
      if (worst == null || worse(row, worst)) {
        worst = row;
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    Map<String, Object> chosen = worst;
    Optional<Phase> slowest = slowestPhase(chosen);
    String reference = text(worst, "reference");
    Link link = incidentLinks.getOrDefault(reference, new Link(reference, "#incidents-this-month"));
    double resolve = number(worst, "time_to_resolve_s");
    return Optional.of(
        new ExecutiveSummary.Incident(
            reference,
            text(worst, "title"),
            text(worst, "severity"),
            Double.isNaN(resolve) ? Optional.empty() : Optional.of(resolve),
            slowest,
            slowest.map(phase -> number(chosen, phase.column())).orElse(Double.NaN),
            link.target()));
  }

  private static boolean worse(Map<String, Object> a, Map<String, Object> b) {
    int bySeverity = Palette.SEVERITY_ORDER.compare(text(a, "severity"), text(b, "severity"));
    if (bySeverity != 0) {
      return bySeverity < 0;
    }
    double x = number(a, "time_to_resolve_s");
    double y = number(b, "time_to_resolve_s");
    double ax = Double.isNaN(x) ? Double.POSITIVE_INFINITY : x;
    double by = Double.isNaN(y) ? Double.POSITIVE_INFINITY : y;
    return ax > by;
  }

  static Optional<Phase> slowestPhase(Map<String, Object> row) {
    Phase slowest = null;
    double longest = -1;
    for (Phase phase : Phase.values()) {
      double value = number(row, phase.column());
      if (!Double.isNaN(value) && value > longest) {
        longest = value;
        slowest = phase;
      }
    }
    return Optional.ofNullable(slowest);
  }

  // ---- headline -----------------------------------------------------------------------------

  private static double[] column(List<Map<String, Object>> rows, String column, String severity) {
    return rows.stream()
        .filter(row -> severity == null || severity.equals(text(row, "severity")))
        .mapToDouble(row -> number(row, column))
        .filter(value -> !Double.isNaN(value))
        .toArray();
  }

  private boolean smallSampleRows;
  private boolean noIntervalRows;

  private Optional<ExecutiveSummary.Change> percentileRow(
      Table table, String figure, String column, double q, String severity) {
    double[] current = column(values, column, severity);
    double[] earlier = column(previousValues, column, severity);
    double value = Bootstrap.quantileOf(current, q);
    double old = Bootstrap.quantileOf(earlier, q);
    Optional<Bootstrap.Interval> interval =
        current.length < intervalN || earlier.length < intervalN
            ? Optional.empty()
            : Bootstrap.differenceOfQuantiles(current, earlier, q, resamples, seed);
    boolean small = current.length < smallN || earlier.length < smallN;
    if (current.length > 0 && earlier.length > 0 && interval.isEmpty()) {
      noIntervalRows = true;
    }
    smallSampleRows |= small && interval.isPresent();
    String note =
        interval.map(i -> i.significant() ? "significant" : "not significant").orElse("")
            + (small && interval.isPresent() ? " " + SMALL_SAMPLE_MARK : "");
    table.add(
        figure,
        current.length == 0 ? null : new Duration(value),
        earlier.length == 0 ? null : new Duration(old),
        current.length == 0 || earlier.length == 0 ? null : new Change(value - old),
        interval.map(i -> new Interval(i.low(), i.high())).orElse(null),
        (long) current.length,
        (long) earlier.length,
        note.strip());
    if (current.length == 0 || earlier.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ExecutiveSummary.Change(figure, value, old, current.length, earlier.length, interval));
  }

  private Section headline() {
    Section.Builder section = new Section.Builder("headline", "Headline");
    Table counts =
        new Table("headline_counts", List.of("Figure", "This month", "Previous", "Change"));
    Map<String, Object> beforeAll = before.getOrDefault("ALL", Map.of());
    counts.add(
        "Incidents (counted)",
        count(all(), "incidents"),
        count(beforeAll, "incidents"),
        count(all(), "incidents") - count(beforeAll, "incidents"));
    for (String severity : severities()) {
      long a = count(now.getOrDefault(severity, Map.of()), "incidents");
      long b = count(before.getOrDefault(severity, Map.of()), "incidents");
      counts.add(severity, a, b, a - b);
    }
    section.table(counts);
    List<String> headers =
        List.of(
            "Figure",
            "This month",
            "Previous",
            "Change",
            "95% CI of change",
            "n",
            "n previous",
            "Note");
    Table headline = new Table("headline", headers);
    List<Driven> driven = new ArrayList<>();
    for (Figure figure : HEADLINE_FIGURES) {
      Optional<ExecutiveSummary.Change> change =
          percentileRow(headline, figure.name(), figure.column(), figure.quantile(), null);
      change.ifPresent(changes::add);
      change
          .filter(ExecutiveSummary.Change::significant)
          .filter(c -> figure.quantile() == 0.5)
          .ifPresent(
              c ->
                  driven.add(
                      new Driven(figure.name(), figure.column(), null, c.now() - c.before())));
    }
    section.table(headline);
    section.heading("p50 time to resolve by severity");
    Table bySeverity =
        new Table(
            "ttr_by_severity",
            List.of(
                "Severity",
                "p50 TTR",
                "Previous",
                "Change",
                "95% CI of change",
                "n",
                "n previous",
                "Note"));
    for (String severity : severities()) {
      percentileRow(bySeverity, severity, "time_to_resolve_s", 0.5, severity)
          .filter(ExecutiveSummary.Change::significant)
          .ifPresent(
              change ->
                  driven.add(
                      new Driven(
                          "p50 time to resolve of " + severity,
                          "time_to_resolve_s",
                          severity,
                          change.now() - change.before())));
    }
    section.table(bySeverity);
    StringBuilder legend =
        new StringBuilder("Intervals are 95% percentile-bootstrap intervals of the change (")
            .append(resamples)
            .append(" resamples, fixed seed ")
            .append(seed)
            .append("); a change is significant when its interval excludes zero.");
    if (noIntervalRows) {
      legend
          .append(" No interval is printed where a month has fewer than ")
          .append(intervalN)
          .append(" values: such a change cannot be tested.");
    }
    if (smallSampleRows) {
      legend
          .append(" ")
          .append(SMALL_SAMPLE_MARK)
          .append(" small sample: fewer than ")
          .append(smallN)
          .append(" values in either month, so read the interval with care.");
    }
    section.paragraph(legend.toString());
    drivers(section, driven);
    return section.build();
  }

  private List<String> severities() {
    java.util.TreeSet<String> severities = new java.util.TreeSet<>(Palette.SEVERITY_ORDER);
    for (String severity : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
      severities.add(severity);
    }
    for (String severity : now.keySet()) {
      if (!severity.equals("ALL")) {
        severities.add(severity);
      }
    }
    for (String severity : before.keySet()) {
      if (!severity.equals("ALL")) {
        severities.add(severity);
      }
    }
    return new ArrayList<>(severities);
  }

  /** A headline percentile: its name, the incident_facts column and the quantile. */
  private record Figure(String name, String column, double quantile) {}

  private static final List<Figure> HEADLINE_FIGURES =
      List.of(
          new Figure("p50 time to resolve", "time_to_resolve_s", 0.5),
          new Figure("p90 time to resolve", "time_to_resolve_s", 0.9),
          new Figure("p50 time to mitigate", "time_to_mitigate_s", 0.5),
          new Figure("p90 time to mitigate", "time_to_mitigate_s", 0.9),
          new Figure("p50 time to acknowledge", "time_to_acknowledge_s", 0.5),
          new Figure("p50 time to detect", "time_to_detect_s", 0.5));

  /** One significant p50 change and the subset of this month's incidents it is about. */
  private record Driven(String figure, String column, String severity, double change) {}

  private void drivers(Section.Builder section, List<Driven> driven) {
    section.heading("What drove the change");
    if (driven.isEmpty()) {
      section.paragraph(
          "No change is significant, so no incident can be said to have driven one. The longest"
              + " incidents of "
              + ExecutiveSummary.monthName(month)
              + ":");
      Table longest =
          new Table(
              "drivers",
              List.of("Incident", "Title", "Severity", "Time to resolve", "Slowest phase"));
      values.stream()
          .filter(row -> !Double.isNaN(number(row, "time_to_resolve_s")))
          .sorted(
              Comparator.comparingDouble(
                      (Map<String, Object> row) -> -number(row, "time_to_resolve_s"))
                  .thenComparing(row -> text(row, "reference")))
          .limit(DRIVERS)
          .forEach(
              row ->
                  longest.add(
                      incidentCell(text(row, "reference")),
                      text(row, "title"),
                      text(row, "severity"),
                      new Duration(number(row, "time_to_resolve_s")),
                      slowestText(row)));
      section.table(longest);
      return;
    }
    Table table =
        new Table(
            "drivers",
            List.of(
                "Change",
                "Incident",
                "Title",
                "Severity",
                "Value",
                "Effect on this month's p50",
                "Slowest phase"));
    for (Driven change : driven) {
      List<Map<String, Object>> members =
          values.stream()
              .filter(
                  row ->
                      change.severity() == null || change.severity().equals(text(row, "severity")))
              .filter(row -> !Double.isNaN(number(row, change.column())))
              .toList();
      double[] all = members.stream().mapToDouble(row -> number(row, change.column())).toArray();
      double p50 = Bootstrap.quantileOf(all, 0.5);
      double sign = Math.signum(change.change());
      List<Map.Entry<Map<String, Object>, Double>> effects = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        double[] without = new double[all.length - 1];
        for (int j = 0, k = 0; j < all.length; j++) {
          if (j != i) {
            without[k++] = all[j];
          }
        }
        double effect = without.length == 0 ? p50 : p50 - Bootstrap.quantileOf(without, 0.5);
        effects.add(Map.entry(members.get(i), effect));
      }
      effects.sort(
          Comparator.comparingDouble(
                  (Map.Entry<Map<String, Object>, Double> entry) -> -sign * entry.getValue())
              .thenComparingDouble(entry -> -sign * number(entry.getKey(), change.column()))
              .thenComparing(entry -> text(entry.getKey(), "reference")));
      for (Map.Entry<Map<String, Object>, Double> effect :
          effects.subList(0, Math.min(DRIVERS, effects.size()))) {
        Map<String, Object> row = effect.getKey();
        table.add(
            change.figure() + " " + Format.signedDuration(change.change()),
            incidentCell(text(row, "reference")),
            text(row, "title"),
            text(row, "severity"),
            new Duration(number(row, change.column())),
            new Change(effect.getValue()),
            slowestText(row));
      }
    }
    section.paragraph(
        "For each significant change of a median, the incidents of "
            + ExecutiveSummary.monthName(month)
            + " that moved it most: the effect is how much this month's p50 drops (or rises)"
            + " when that one incident is left out.");
    section.table(table);
  }

  private static String slowestText(Map<String, Object> row) {
    return slowestPhase(row)
        .map(phase -> phase.label() + " (" + Format.duration(number(row, phase.column())) + ")")
        .orElse("");
  }

  private Object incidentCell(String reference) {
    Link link = incidentLinks.get(reference);
    return link == null ? reference : link;
  }

  // ---- incidents this month -----------------------------------------------------------------

  private Section incidentsThisMonth() {
    Map<String, String> leads = new HashMap<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.LEAD_NAMES, parameters("month", month.toString()))) {
      leads.put(text(row, "incident_id"), text(row, "lead_name"));
    }
    Map<String, Map<String, Object>> postmortemLinks = new HashMap<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.POSTMORTEM_LINKS, parameters("month", month.toString()))) {
      postmortemLinks.put(text(row, "incident_id"), row);
    }
    List<Map<String, Object>> rows =
        data.rows(ReportQuery.INCIDENTS_THIS_MONTH, parameters("month", month.toString()));
    List<Map<String, Object>> listed = new ArrayList<>();
    List<Map<String, Object>> others = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      (pmSeverities.contains(text(row, "severity")) ? listed : others).add(row);
    }
    listed.sort(
        Comparator.comparing(
                (Map<String, Object> row) -> text(row, "severity"), Palette.SEVERITY_ORDER)
            .thenComparingDouble(row -> -orInfinity(number(row, "time_to_resolve_s"))));
    others.sort(
        Comparator.comparingDouble(
                (Map<String, Object> row) -> -orInfinity(number(row, "time_to_resolve_s")))
            .thenComparing(row -> text(row, "reference")));
    int shownOthers = Math.min(OTHER_INCIDENTS, others.size());
    listed.addAll(others.subList(0, shownOthers));
    long deadline = config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE).toSeconds();
    Table table =
        new Table(
            "incidents_this_month",
            List.of(
                "Incident",
                "Title",
                "Severity",
                "Services",
                "Time to resolve",
                "Slowest phase",
                "Lead",
                "Post-mortem",
                "Draft"));
    for (Map<String, Object> row : listed) {
      String reference = text(row, "reference");
      Map<String, Object> pm = postmortemLinks.getOrDefault(text(row, "incident_id"), Map.of());
      String url = text(pm, "postmortem_url");
      Object draft = draftLink(reference);
      double resolve = number(row, "time_to_resolve_s");
      String status = postmortemStatus(row, deadline);
      Object pmCell = url.isEmpty() ? status : new Link(status, url);
      if (!url.isEmpty()) {
        incidentLinks.put(reference, new Link(reference, url));
      } else if (draft instanceof Link link) {
        incidentLinks.put(reference, new Link(reference, link.target()));
      }
      table.add(
          reference,
          text(row, "title"),
          text(row, "severity"),
          text(row, "services"),
          Double.isNaN(resolve) ? "open" : new Duration(resolve),
          slowestText(row),
          leads.getOrDefault(text(row, "incident_id"), "unassigned"),
          pmCell,
          draft);
    }
    Section.Builder section = new Section.Builder("incidents-this-month", "Incidents this month");
    section.paragraph(
        "Every counted "
            + String.join(" and ", pmSeverities)
            + " incident of "
            + ExecutiveSummary.monthName(month)
            + (others.isEmpty()
                ? ""
                : ", then the "
                    + (shownOthers == others.size()
                        ? shownOthers + " other" + (shownOthers == 1 ? "" : "s")
                        : shownOthers + " longest of the " + others.size() + " others")
                    + " by time to resolve")
            + ". A post-mortem is due "
            + Format.duration(deadline)
            + " after resolution.");
    section.table(table);
    return section.build();
  }

  private static double orInfinity(double value) {
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
  }

  private String postmortemStatus(Map<String, Object> row, long deadline) {
    if (!Boolean.TRUE.equals(row.get("pm_required"))) {
      return "not required";
    }
    Object published = row.get("postmortem_published_at");
    Object resolved = row.get("resolved_at");
    if (published != null && instant(published).getEpochSecond() <= asOf.getEpochSecond()) {
      double lag = number(row, "postmortem_lag_s");
      return "published"
          + (Double.isNaN(lag)
              ? ""
              : lag <= deadline ? " on time" : " late (" + Format.duration(lag) + ")");
    }
    if (resolved == null) {
      return "due after resolution";
    }
    long due = instant(resolved).getEpochSecond() + deadline;
    return due < asOf.getEpochSecond()
        ? "overdue"
        : "due " + LocalDate.ofInstant(Instant.ofEpochSecond(due), zone);
  }

  static Instant instant(Object value) {
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("Not a timestamp: " + value.getClass().getName());
  }

  private Object draftLink(String reference) {
    Path draft = options.draftsDir().resolve(reference + ".md");
    if (!Files.isRegularFile(draft)) {
      return null;
    }
    Path from = options.outDir().toAbsolutePath().normalize();
    Path to = draft.toAbsolutePath().normalize();
    return new Link("draft", from.relativize(to).toString().replace('\\', '/'));
  }

  // ---- trends -------------------------------------------------------------------------------

  private Section trends() {
    Section.Builder section = new Section.Builder("trends", "Trends");
    List<Map<String, Object>> history =
        data.rows(
            ReportQuery.HISTORY,
            parameters("from", month.minusMonths(12).toString(), "month", month.toString()));
    Map<String, Map<String, Object>> byMonth = new HashMap<>();
    for (Map<String, Object> row : history) {
      byMonth.put(text(row, "month"), row);
    }
    long available = lakeStart.until(month, java.time.temporal.ChronoUnit.MONTHS) + 1;
    List<YearMonth> window = new ArrayList<>();
    for (int back = (int) Math.min(11, available - 1); back >= 0; back--) {
      window.add(month.minusMonths(back));
    }
    if (available >= 3) {
      section.chart(
          Charts.trend(
              ChartId.TTR_TREND_3_MONTHS,
              points(window.subList(window.size() - 3, window.size()), byMonth)));
    }
    if (available >= 12) {
      section.chart(Charts.trend(ChartId.TTR_TREND_12_MONTHS, points(window, byMonth)));
    }
    if (available < 12) {
      section.paragraph(
          "The lake holds "
              + ExecutiveSummary.plural(available, "month")
              + " up to this one (from "
              + lakeStart
              + "): "
              + (available < 3 ? "the 3-month and " : "")
              + "the 12-month trend chart"
              + (available < 3 ? "s appear" : " appears")
              + " once that much history exists.");
    }
    List<Map.Entry<YearMonth, Long>> perMonth = new ArrayList<>();
    for (YearMonth which : window) {
      perMonth.add(
          Map.entry(which, count(byMonth.getOrDefault(which.toString(), Map.of()), "incidents")));
    }
    section.chart(Charts.incidentsPerMonth(perMonth));
    Map<YearMonth, Map<String, Long>> mix = new HashMap<>();
    for (Map<String, Object> row :
        data.rows(
            ReportQuery.SEVERITY_HISTORY,
            parameters(
                "from", window.get(0).minusMonths(1).toString(), "month", month.toString()))) {
      mix.computeIfAbsent(
              YearMonth.parse(text(row, "month")), m -> new TreeMap<>(Palette.SEVERITY_ORDER))
          .put(text(row, "severity"), count(row, "incidents"));
    }
    section.chart(Charts.severityMix(window, mix));
    section.heading("Quarter to date and year to date");
    YearMonth quarterStart = month.minusMonths((month.getMonthValue() - 1) % 3);
    YearMonth yearStart = YearMonth.of(month.getYear(), 1);
    Table table =
        new Table(
            "to_date",
            List.of(
                "Period",
                "From",
                "Months in the lake",
                "Incidents",
                String.join("+", targetSeverities),
                "p50 TTR",
                "p90 TTR",
                "Post-mortems published"));
    toDateRow(table, "Quarter to date (" + quarter(month) + ")", quarterStart, lakeStart);
    toDateRow(table, "Year to date (" + month.getYear() + ")", yearStart, lakeStart);
    section.table(table);
    return section.build();
  }

  static String quarter(YearMonth month) {
    return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
  }

  private void toDateRow(Table table, String name, YearMonth from, YearMonth lakeStart) {
    YearMonth start = from.isBefore(lakeStart) ? lakeStart : from;
    List<Map<String, Object>> rows =
        data.rows(
            ReportQuery.PERIOD_VALUES,
            parameters("from", start.toString(), "to", month.toString()));
    double[] resolve = column(rows, "time_to_resolve_s", null);
    long severe =
        rows.stream().filter(row -> targetSeverities.contains(text(row, "severity"))).count();
    long required =
        rows.stream().filter(row -> Boolean.TRUE.equals(row.get("pm_required"))).count();
    long published =
        rows.stream()
            .filter(row -> Boolean.TRUE.equals(row.get("pm_required")))
            .filter(
                row ->
                    row.get("postmortem_published_at") != null
                        && instant(row.get("postmortem_published_at")).getEpochSecond()
                            <= asOf.getEpochSecond())
            .count();
    table.add(
        name,
        start.toString(),
        (long) (start.until(month, java.time.temporal.ChronoUnit.MONTHS) + 1),
        (long) rows.size(),
        severe,
        resolve.length == 0 ? null : new Duration(Bootstrap.quantileOf(resolve, 0.5)),
        resolve.length == 0 ? null : new Duration(Bootstrap.quantileOf(resolve, 0.9)),
        required == 0 ? null : new Share((double) published / required, required));
  }

  private static List<Charts.TrendPoint> points(
      List<YearMonth> months, Map<String, Map<String, Object>> byMonth) {
    List<Charts.TrendPoint> points = new ArrayList<>();
    for (YearMonth which : months) {
      Map<String, Object> row = byMonth.getOrDefault(which.toString(), Map.of());
      points.add(
          new Charts.TrendPoint(
              which,
              number(row, "p50_time_to_resolve_s"),
              number(row, "p90_time_to_resolve_s"),
              count(row, "n_time_to_resolve")));
    }
    return points;
  }

  // ---- phases, services, alerts -------------------------------------------------------------

  private Section phases() {
    Section.Builder section = new Section.Builder("where-the-time-goes", "Where the time goes");
    Table phases = new Table("phases", List.of("Phase", "Mean", "p50", "p90", "n"));
    for (Phase phase : Phase.values()) {
      phases.add(
          phase.label(),
          duration(all(), "mean_" + phase.column()),
          duration(all(), "p50_" + phase.column()),
          duration(all(), "p90_" + phase.column()),
          count(all(), "n_" + phase.column().replace("_s", "")));
    }
    section.table(phases);
    double target = config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS);
    double assemble = number(all(), "p50_phase_assemble_s");
    section.paragraph(
        "Team assembly (p50 "
            + Format.duration(assemble)
            + ", n = "
            + count(all(), "n_phase_assemble")
            + ") against its "
            + Format.duration(target)
            + " target: **"
            + (Double.isNaN(assemble) ? "no data" : assemble <= target ? "met" : "missed")
            + "**.");
    Map<String, double[]> means = new LinkedHashMap<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.PHASES_BY_SEVERITY, parameters("month", month.toString()))) {
      if (count(row, "n_phase_detect") == 0) {
        continue;
      }
      double[] seconds = new double[Phase.values().length];
      for (Phase phase : Phase.values()) {
        double value = number(row, "mean_" + phase.column());
        seconds[phase.ordinal()] = Double.isNaN(value) ? 0 : value;
      }
      means.put(text(row, "severity"), seconds);
    }
    section.chart(Charts.phases(means));
    return section.build();
  }

  private static Duration duration(Map<String, Object> row, String column) {
    double value = number(row, column);
    return Double.isNaN(value) ? null : new Duration(value);
  }

  private static Percent percent(Map<String, Object> row, String column) {
    double value = number(row, column);
    return Double.isNaN(value) ? null : new Percent(value);
  }

  private Section services() {
    Section.Builder section = new Section.Builder("incidents-by-service", "Incidents by service");
    Table services =
        new Table("services", List.of("Service", "Incidents", "p50 TTR", "n TTR", "Alerts"));
    List<Map.Entry<String, Long>> bars = new ArrayList<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.SERVICES, parameters("month", month.toString()))) {
      services.add(
          text(row, "service"),
          count(row, "incidents"),
          duration(row, "p50_time_to_resolve_s"),
          count(row, "n_time_to_resolve"),
          count(row, "alerts_fired"));
      bars.add(Map.entry(text(row, "service"), count(row, "incidents")));
    }
    section.table(services);
    section.chart(
        Charts.counts(ChartId.SERVICES, "Counted incidents by service", "incidents", bars));
    section.heading("Top recurring incident types");
    Table types = new Table("incident_types", List.of("Type", "Incidents"));
    for (Map<String, Object> row :
        data.rows(ReportQuery.INCIDENT_TYPES, parameters("month", month.toString()))) {
      types.add(text(row, "incident_type"), count(row, "incidents"));
    }
    section.table(types);
    return section.build();
  }

  private Section alerts() {
    Section.Builder section = new Section.Builder("alerts", "Alerts");
    section.bullets(
        List.of(
            "Alerts per incident: **"
                + Format.number(number(all(), "alerts_per_incident"))
                + "** ("
                + count(all(), "alerts_fired")
                + " alerts, "
                + count(all(), "incidents")
                + " incidents)",
            "Detected internally (explicitly or by a linked alert): **"
                + share(number(all(), "pct_detected_by_alert"), count(all(), "incidents"))
                + "**"));
    Table trend =
        new Table("alert_trend", List.of("Month", "Alerts", "Incidents", "Alerts per incident"));
    List<Map<String, Object>> history =
        data.rows(
            ReportQuery.HISTORY,
            parameters("from", month.minusMonths(6).toString(), "month", month.toString()));
    Map<String, Map<String, Object>> byMonth = new HashMap<>();
    for (Map<String, Object> row : history) {
      byMonth.put(text(row, "month"), row);
    }
    for (int back = 5; back >= 0; back--) {
      YearMonth which = month.minusMonths(back);
      if (which.isBefore(lakeStart)) {
        continue;
      }
      Map<String, Object> row = byMonth.getOrDefault(which.toString(), Map.of());
      double ratio = number(row, "alerts_per_incident");
      trend.add(
          which.toString(),
          count(row, "alerts_fired"),
          count(row, "incidents"),
          Double.isNaN(ratio) ? null : ratio);
    }
    section.table(trend);
    section.heading("The 10 noisiest rules");
    Table noisy =
        new Table(
            "noisy_rules",
            List.of("Rule", "Service", "Fired", "Linked", "Actionable", "After hours", "Noisy"));
    List<Map.Entry<String, Long>> bars = new ArrayList<>();
    for (Map<String, Object> row :
        data.rows(ReportQuery.NOISY_RULES, parameters("month", month.toString()))) {
      noisy.add(
          text(row, "rule"),
          text(row, "service"),
          count(row, "fired"),
          count(row, "linked"),
          percent(row, "actionable_rate"),
          percent(row, "after_hours_share"),
          Boolean.TRUE.equals(row.get("noisy")) ? "yes" : "no");
      bars.add(Map.entry(text(row, "rule"), count(row, "fired")));
    }
    section.table(noisy);
    section.paragraph(
        "A rule is noisy when it fired at least "
            + config.getInt(ConfigKeys.NOISY_MIN_FIRED)
            + " times in the month and less than "
            + Format.percent(config.getDouble(ConfigKeys.NOISY_MAX_ACTIONABLE))
            + " of its alerts were linked to an incident.");
    section.chart(
        Charts.counts(ChartId.NOISY_RULES, "Alerts fired by the noisiest rules", "alerts", bars));
    return section.build();
  }

  static String share(double share, long n) {
    return Double.isNaN(share) ? "n/a (n = " + n + ")" : new Share(share, n).toString();
  }

  // ---- post-mortems and action items --------------------------------------------------------

  private Section postmortems() {
    Section.Builder section =
        new Section.Builder("post-mortems-and-action-items", "Post-mortems and action items");
    Table table = new Table("targets", List.of("Target", "Value", "Target value", "n", "Status"));
    long required = count(all(), "pm_required");
    String pm = String.join("/", pmSeverities);
    target(
        table,
        pm + " post-mortems published",
        number(all(), "pm_completion_rate"),
        required,
        config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION));
    target(
        table,
        pm
            + " post-mortems published within "
            + Format.duration(config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE).toSeconds()),
        number(all(), "pm_on_time_rate"),
        required,
        config.getDouble(ConfigKeys.TARGET_POSTMORTEM_ON_TIME));
    target(
        table,
        "Action items with owner and due date",
        number(all(), "ai_tracked_rate"),
        count(all(), "ai_total"),
        config.getDouble(ConfigKeys.TARGET_ACTION_ITEMS_TRACKED));
    double assemble = number(all(), "p50_phase_assemble_s");
    double assembleTarget = config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS);
    TargetStatus assembleStatus =
        Double.isNaN(assemble)
            ? TargetStatus.NO_DATA
            : assemble <= assembleTarget ? TargetStatus.MET : TargetStatus.MISSED;
    table.add(
        "Team assembly (p50)",
        Double.isNaN(assemble) ? null : new Duration(assemble),
        new Duration(assembleTarget),
        count(all(), "n_phase_assemble"),
        status(assembleStatus));
    targets.add(
        new ExecutiveSummary.Target(
            "team assembly (p50)",
            Format.duration(assemble),
            Format.duration(assembleTarget),
            assembleStatus));
    section.table(table);
    section.paragraph(
        "Post-mortems of incidents resolved this month: "
            + required
            + " required, "
            + count(all(), "pm_published")
            + " published, p50 lag "
            + Format.duration(number(all(), "p50_postmortem_lag_s"))
            + ".");
    section.heading("Overdue post-mortems");
    long deadline = config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE).toSeconds();
    Table overdue =
        new Table(
            "overdue_postmortems",
            List.of("Incident", "Title", "Severity", "Resolved", "Days overdue"));
    for (Map<String, Object> row :
        data.rows(
            ReportQuery.OVERDUE_POSTMORTEMS,
            parameters("as_of", asOf.getEpochSecond(), "deadline", deadline))) {
      overdue.add(
          text(row, "reference"),
          text(row, "title"),
          text(row, "severity"),
          LocalDate.ofInstant(instant(row.get("resolved_at")), zone),
          count(row, "days_overdue"));
    }
    overduePostmortems = overdue.rows().size();
    section.paragraph(
        "Required, unpublished, and resolved more than "
            + Format.duration(deadline)
            + " before the as-of ("
            + asOf
            + "):");
    capped(section, overdue, "overdue post-mortems, oldest first");
    section.heading("Action items");
    section.bullets(
        List.of(
            "Created this month: "
                + count(all(), "ai_total")
                + "; tracked "
                + share(number(all(), "ai_tracked_rate"), count(all(), "ai_total"))
                + "; completed "
                + Format.percent(number(all(), "ai_completion_rate"))
                + "; p50 days to complete "
                + Format.number(number(all(), "p50_ai_days_to_complete"))));
    section.heading("Overdue action items");
    Table items =
        new Table("overdue_action_items", List.of("Item", "Incident", "Owner", "Due", "Title"));
    for (Map<String, Object> row :
        data.rows(ReportQuery.OVERDUE_ACTION_ITEMS, parameters("as_of", asOf.getEpochSecond()))) {
      items.add(
          text(row, "action_item_id"),
          text(row, "reference"),
          text(row, "owner"),
          row.get("due_date") instanceof java.sql.Date date
              ? date.toLocalDate()
              : row.get("due_date") instanceof LocalDate local ? local : null,
          text(row, "title"));
    }
    overdueActionItems = items.rows().size();
    capped(section, items, "overdue action items, oldest due date first");
    List<Charts.PostmortemPoint> points = new ArrayList<>();
    List<Map<String, Object>> history =
        data.rows(
            ReportQuery.HISTORY,
            parameters("from", month.minusMonths(12).toString(), "month", month.toString()));
    Map<String, Map<String, Object>> byMonth = new HashMap<>();
    for (Map<String, Object> row : history) {
      byMonth.put(text(row, "month"), row);
    }
    for (int back = 11; back >= 0; back--) {
      YearMonth which = month.minusMonths(back);
      if (!which.isBefore(lakeStart)) {
        Map<String, Object> row = byMonth.getOrDefault(which.toString(), Map.of());
        points.add(
            new Charts.PostmortemPoint(
                which, count(row, "pm_required"), count(row, "pm_published")));
      }
    }
    section.chart(
        Charts.postmortems(points, config.getDouble(ConfigKeys.TARGET_POSTMORTEM_COMPLETION)));
    return section.build();
  }

  /**
   * Adds a list table of at most {@link #LISTED} rows; when there are more, says how many are
   * shown, so that the cap is never silent. The count in the summary is always the full count.
   */
  private static void capped(Section.Builder section, Table table, String what) {
    if (table.rows().size() <= LISTED) {
      section.table(table);
      return;
    }
    section.paragraph("The first " + LISTED + " of " + table.rows().size() + " " + what + ":");
    section.table(new Table(table.name(), table.headers(), table.rows().subList(0, LISTED)));
  }

  private void target(Table table, String name, double value, long n, double target) {
    TargetStatus status =
        Double.isNaN(value)
            ? TargetStatus.NO_DATA
            : value >= target - 1e-9 ? TargetStatus.MET : TargetStatus.MISSED;
    table.add(
        name,
        Double.isNaN(value) ? null : new Percent(value),
        new Percent(target),
        n,
        status(status));
    targets.add(
        new ExecutiveSummary.Target(
            name.length() > 1 && Character.isLowerCase(name.charAt(1))
                ? Character.toLowerCase(name.charAt(0)) + name.substring(1)
                : name,
            Format.percent(value) + " of " + n,
            Format.percent(target),
            status));
  }

  private static String status(TargetStatus status) {
    return switch (status) {
      case MET -> "met";
      case MISSED -> "missed";
      case NO_DATA -> "no data";
    };
  }

  // ---- response, on-call, excluded and open -------------------------------------------------

  private long targetSeverityIncidents() {
    long n = 0;
    for (String severity : targetSeverities) {
      n += count(now.getOrDefault(severity, Map.of()), "incidents");
    }
    return n;
  }

  private Section response() {
    long n = targetSeverityIncidents();
    String severities = String.join("/", targetSeverities);
    return new Section.Builder("response", "Response")
        .bullets(
            List.of(
                "Lead assigned within "
                    + Format.duration(config.getInt(ConfigKeys.TARGET_LEAD_SECONDS))
                    + " ("
                    + severities
                    + "): **"
                    + share(number(all(), "pct_lead_within_5m"), n)
                    + "**",
                "All roles assigned within "
                    + Format.duration(config.getInt(ConfigKeys.TARGET_ALL_ROLES_SECONDS))
                    + " ("
                    + severities
                    + "): **"
                    + share(number(all(), "pct_all_roles_within_5m"), n)
                    + "**",
                "Mitigated within "
                    + Format.duration(config.getInt(ConfigKeys.TARGET_MITIGATED_SECONDS))
                    + " ("
                    + severities
                    + "): **"
                    + share(number(all(), "pct_mitigated_within_30m"), n)
                    + "**"))
        .build();
  }

  private Section onCall() {
    Section.Builder section = new Section.Builder("on-call-load", "On-call load");
    Table load =
        new Table(
            "responder_load",
            List.of(
                "Responder",
                "Pages",
                "Interruptions",
                "Business hours",
                "Off hours",
                "Sleep hours",
                "Incidents led"));
    long off = 0;
    long sleep = 0;
    for (Map<String, Object> row :
        data.rows(ReportQuery.RESPONDER_LOAD, parameters("month", month.toString()))) {
      off += count(row, "off_hours");
      sleep += count(row, "sleep_hours");
      if (load.rows().size() < 10) {
        load.add(
            text(row, "responder"),
            count(row, "pages"),
            count(row, "interruptions"),
            count(row, "business_hours"),
            count(row, "off_hours"),
            count(row, "sleep_hours"),
            count(row, "incidents_led"));
      }
    }
    long sev1 = count(now.getOrDefault("SEV1", Map.of()), "incidents");
    section.paragraph(
        "Off-hours interruptions: **"
            + off
            + "**; sleep-hour interruptions: **"
            + sleep
            + "**; hero share (SEV1s led by the top "
            + config.getInt(ConfigKeys.HERO_TOP_LEADS)
            + " SEV1 leads of the last "
            + config.getInt(ConfigKeys.HERO_WINDOW_DAYS)
            + " days): **"
            + share(number(all(), "hero_share"), sev1)
            + "**"
            + (sev1 < smallN ? " " + SMALL_SAMPLE_MARK : "")
            + " (lower is healthier)."
            + (sev1 < smallN
                ? " "
                    + SMALL_SAMPLE_MARK
                    + " With fewer than "
                    + smallN
                    + " SEV1s the share moves in large steps: read it with care."
                : ""));
    section.table(load);
    return section.build();
  }

  private Section excludedAndOpen() {
    Section.Builder section =
        new Section.Builder("excluded-and-open-incidents", "Excluded and open incidents");
    Table excluded = new Table("excluded", List.of("Incident", "Title", "Reason"));
    for (Map<String, Object> row :
        data.rows(ReportQuery.EXCLUDED, parameters("month", month.toString()))) {
      excluded.add(text(row, "reference"), text(row, "title"), text(row, "exclusion_reason"));
    }
    section.table(excluded);
    Table open = new Table("open", List.of("Incident", "Title", "Severity", "Reported"));
    for (Map<String, Object> row :
        data.rows(ReportQuery.OPEN_INCIDENTS, parameters("as_of", asOf.getEpochSecond()))) {
      open.add(
          text(row, "reference"),
          text(row, "title"),
          text(row, "severity"),
          instant(row.get("reported_at")));
    }
    section.paragraph("Open incidents at the as-of (" + asOf + "):");
    capped(section, open, "open incidents, oldest first");
    return section.build();
  }

  private Section dataQuality() {
    Section.Builder section = new Section.Builder("data-quality", "Data quality");
    Table milestones =
        new Table(
            "data_quality", List.of("Milestone", "Explicit", "Fallback", "Missing", "Incidents"));
    long reordered = 0;
    long imputed = 0;
    for (Map<String, Object> row :
        data.rows(ReportQuery.DATA_QUALITY, parameters("month", month.toString()))) {
      milestones.add(
          text(row, "milestone"),
          percent(row, "explicit_pct"),
          percent(row, "fallback_pct"),
          percent(row, "missing_pct"),
          count(row, "incidents"));
      reordered = count(row, "milestones_reordered");
      imputed = count(row, "imputed_phases");
    }
    section.table(milestones);
    section.paragraph(
        "Incidents whose milestones the clamp reordered: **"
            + reordered
            + "**; imputed phases: **"
            + imputed
            + "**.");
    Table quarantine = new Table("quarantine", List.of("Source", "Error", "Records"));
    for (Map<String, Object> row : data.rows(ReportQuery.QUARANTINE, Map.of())) {
      quarantine.add(text(row, "source"), text(row, "error_code"), count(row, "records"));
    }
    section.paragraph("Quarantined records (all ingests):");
    section.table(quarantine);
    return section.build();
  }

  private Section definitions() {
    List<String> inputs = new ArrayList<>();
    for (Map<String, Object> run : data.rows(ReportQuery.INPUTS, Map.of())) {
      inputs.add(text(run, "source") + " (" + count(run, "files") + " files)");
    }
    return new Section.Builder("definitions-and-provenance", "Definitions and provenance")
        .bullets(
            List.of(
                "Metric definitions: version `"
                    + text(all(), "definitions_version")
                    + "` (see `docs/metrics.md`; the version changes with any SQL or anchor)",
                "Data window: "
                    + month.atDay(1).atStartOfDay(zone).toInstant()
                    + " to "
                    + month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()
                    + " ("
                    + zone.getId()
                    + ")",
                "As of: "
                    + asOf
                    + (options.asOf().isPresent() ? " (--as-of)" : " (the transform's as-of)"),
                "Generated: " + options.generatedAt(),
                "Inputs: " + (inputs.isEmpty() ? "unknown" : String.join(", ", inputs))))
        .build();
  }
}
