package dev.incidents.reports;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The executive summary: three to six plain sentences computed deterministically from the numbers
 * (no language model). In order: the count and severity mix against last month and the trailing
 * median; the largest statistically significant change, or that none is significant at this sample
 * size; the targets missed; the month's worst incident, linked; what is overdue at the as-of; and,
 * only when a milestone relies on a fallback for more than {@link #FALLBACK_CAVEAT_SHARE} of the
 * incidents, a data-quality caveat.
 */
public final class ExecutiveSummary {
  /** Above this share of incidents on a fallback, a milestone earns the caveat. */
  public static final double FALLBACK_CAVEAT_SHARE = 0.30;

  private ExecutiveSummary() {}

  /** A month-over-month change of a figure, with its interval when both samples are big enough. */
  public record Change(
      String figure,
      double now,
      double before,
      long nNow,
      long nBefore,
      Optional<Bootstrap.Interval> interval) {
    public Change {
      requireNonNull(figure, "figure is null");
      requireNonNull(interval, "interval is null");
    }

    public boolean significant() {
      return interval.map(Bootstrap.Interval::significant).orElse(false);
    }

    /** Relative size of the change, to rank changes of figures of different scales. */
    double relativeSize() {
      double base = Math.max(Math.abs(before), 1);
      return Math.abs(now - before) / base;
    }
  }

  /** How a target fared. */
  public enum TargetStatus {
    MET,
    MISSED,
    NO_DATA
  }

  /** A target: its name, the month's value and the target value as printed, and its status. */
  public record Target(String name, String value, String target, TargetStatus status) {
    public Target {
      requireNonNull(name, "name is null");
      requireNonNull(value, "value is null");
      requireNonNull(target, "target is null");
      requireNonNull(status, "status is null");
    }
  }

  /** The month's worst incident: the most severe, then the longest (an open one is longest). */
  public record Incident(
      String reference,
      String title,
      String severity,
      Optional<Double> timeToResolveSeconds,
      Optional<Phase> slowestPhase,
      double slowestPhaseSeconds,
      String link) {
    public Incident {
      requireNonNull(reference, "reference is null");
      requireNonNull(title, "title is null");
      requireNonNull(severity, "severity is null");
      requireNonNull(timeToResolveSeconds, "timeToResolveSeconds is null");
      requireNonNull(slowestPhase, "slowestPhase is null");
      requireNonNull(link, "link is null");
    }
  }

  /** A milestone's share of incidents that took a fallback value. */
  public record Fallback(String milestone, double share, long incidents) {}

  /** Everything the sentences are computed from. */
  public record Facts(
      YearMonth month,
      long incidents,
      Map<String, Long> bySeverity,
      Optional<Long> previousIncidents,
      Map<String, Long> previousBySeverity,
      OptionalDouble trailingMedian,
      int trailingMonths,
      List<Change> changes,
      int intervalMinimumN,
      List<Target> targets,
      Optional<Incident> worst,
      Instant asOf,
      long overduePostmortems,
      long overdueActionItems,
      List<Fallback> fallbacks) {
    public Facts {
      requireNonNull(month, "month is null");
      bySeverity = Map.copyOf(bySeverity);
      requireNonNull(previousIncidents, "previousIncidents is null");
      previousBySeverity = Map.copyOf(previousBySeverity);
      requireNonNull(trailingMedian, "trailingMedian is null");
      changes = List.copyOf(changes);
      targets = List.copyOf(targets);
      requireNonNull(worst, "worst is null");
      requireNonNull(asOf, "asOf is null");
      fallbacks = List.copyOf(fallbacks);
    }
  }

  public static List<String> sentences(Facts facts) {
    List<String> sentences = new ArrayList<>();
    sentences.add(countSentence(facts));
    sentences.add(changeSentence(facts));
    sentences.add(targetSentence(facts));
    facts.worst().ifPresent(worst -> sentences.add(worstSentence(worst)));
    sentences.add(overdueSentence(facts));
    fallbackSentence(facts).ifPresent(sentences::add);
    return sentences;
  }

  static String monthName(YearMonth month) {
    return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
  }

  static String countSentence(Facts facts) {
    TreeSet<String> severities = new TreeSet<>(Palette.SEVERITY_ORDER);
    severities.addAll(facts.bySeverity().keySet());
    severities.addAll(facts.previousBySeverity().keySet());
    StringBuilder sentence = new StringBuilder();
    sentence
        .append(monthName(facts.month()))
        .append(" had ")
        .append(plural(facts.incidents(), "counted incident"))
        .append(mix(severities, facts.bySeverity()));
    YearMonth previous = facts.month().minusMonths(1);
    if (facts.previousIncidents().isEmpty()) {
      sentence.append("; ").append(monthName(previous)).append(" has no data to compare with");
    } else if (facts.previousIncidents().get() == 0) {
      sentence.append(", against none in ").append(monthName(previous));
    } else {
      long before = facts.previousIncidents().get();
      sentence
          .append(", ")
          .append(direction(facts.incidents(), before, "up from ", "down from ", "the same as "))
          .append(before)
          .append(" in ")
          .append(monthName(previous))
          .append(mix(severities, facts.previousBySeverity()));
    }
    if (facts.trailingMedian().isPresent()) {
      double median = facts.trailingMedian().getAsDouble();
      sentence
          .append(", and ")
          .append(
              facts.incidents() > median
                  ? "above"
                  : facts.incidents() < median ? "below" : "equal to")
          .append(" the median of ")
          .append(Format.number(median))
          .append(" over the ")
          .append(
              facts.trailingMonths() == 1
                  ? "one month before"
                  : facts.trailingMonths() + " months before");
    } else {
      sentence.append("; there are no earlier months for a trailing median");
    }
    return sentence.append('.').toString();
  }

  private static String mix(TreeSet<String> severities, Map<String, Long> counts) {
    List<String> parts = new ArrayList<>();
    for (String severity : severities) {
      parts.add(counts.getOrDefault(severity, 0L) + " " + severity);
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static String direction(double now, double before, String up, String down, String same) {
    return now > before ? up : now < before ? down : same;
  }

  static String changeSentence(Facts facts) {
    return changeSentence(
        facts.changes(),
        facts.incidents(),
        facts.previousIncidents(),
        facts.intervalMinimumN(),
        "month");
  }

  /**
   * The significance sentence for any period ("month", "quarter"): the largest significant change,
   * or that none is, or that the samples are too small for an interval.
   */
  public static String changeSentence(
      List<Change> changes,
      long incidents,
      Optional<Long> previousIncidents,
      int intervalMinimumN,
      String period) {
    List<Change> tested = changes.stream().filter(c -> c.interval().isPresent()).toList();
    if (tested.isEmpty()) {
      return "With "
          + plural(incidents, "incident")
          + " this "
          + period
          + previousIncidents
              .map(p -> " and " + p + " the " + period + " before")
              .orElse(" and no data for the " + period + " before")
          + ", the samples are too small for an interval (fewer than "
          + intervalMinimumN
          + " in a "
          + period
          + "), so no change can be called significant.";
    }
    Optional<Change> largest =
        tested.stream()
            .filter(Change::significant)
            .max(
                java.util.Comparator.comparingDouble(Change::relativeSize)
                    .thenComparing(Change::figure, java.util.Comparator.reverseOrder()));
    if (largest.isEmpty()) {
      Change first = tested.get(0);
      return "No change is statistically significant at this sample size ("
          + first.figure()
          + " "
          + Format.duration(first.now())
          + " against "
          + Format.duration(first.before())
          + ", n = "
          + first.nNow()
          + " and "
          + first.nBefore()
          + "; every 95% interval includes zero).";
    }
    Change change = largest.get();
    Bootstrap.Interval interval = change.interval().orElseThrow();
    return "The largest significant change: "
        + change.figure()
        + " "
        + direction(change.now(), change.before(), "rose", "fell", "stayed")
        + " from "
        + Format.duration(change.before())
        + " to "
        + Format.duration(change.now())
        + " ("
        + Format.signedDuration(change.now() - change.before())
        + "; 95% interval "
        + Format.signedDuration(interval.low())
        + " to "
        + Format.signedDuration(interval.high())
        + "; n = "
        + change.nNow()
        + " and "
        + change.nBefore()
        + ").";
  }

  static String targetSentence(Facts facts) {
    List<String> missed = new ArrayList<>();
    List<String> noData = new ArrayList<>();
    for (Target target : facts.targets()) {
      switch (target.status()) {
        case MET -> {}
        case MISSED ->
            missed.add(
                target.name() + " at " + target.value() + " (target " + target.target() + ")");
        case NO_DATA -> noData.add(target.name());
      }
    }
    StringBuilder sentence = new StringBuilder();
    long judged = facts.targets().size() - noData.size();
    if (missed.isEmpty()) {
      sentence.append(
          judged == 0
              ? "No target could be judged this month"
              : judged == 1
                  ? "The one target with data was met"
                  : "All " + judged + " targets with data were met");
    } else {
      sentence
          .append(missed.size() == 1 ? "Target missed: " : missed.size() + " targets missed: ")
          .append(String.join("; ", missed));
    }
    if (!noData.isEmpty() && judged > 0) {
      sentence.append(" (no data for ").append(String.join(", ", noData)).append(')');
    }
    return sentence.append('.').toString();
  }

  static String worstSentence(Incident worst) {
    StringBuilder sentence =
        new StringBuilder("The month's worst incident was [")
            .append(worst.reference())
            .append(" “")
            .append(worst.title().replace("[", "(").replace("]", ")"))
            .append("”](")
            .append(worst.link())
            .append(") (")
            .append(worst.severity());
    if (worst.timeToResolveSeconds().isEmpty()) {
      sentence.append(", still open");
    } else {
      sentence.append(", resolved in ").append(Format.duration(worst.timeToResolveSeconds().get()));
      worst
          .slowestPhase()
          .ifPresent(
              phase ->
                  sentence
                      .append("; slowest phase ")
                      .append(phase.label())
                      .append(", ")
                      .append(Format.duration(worst.slowestPhaseSeconds())));
    }
    return sentence.append(").").toString();
  }

  static String overdueSentence(Facts facts) {
    String date = facts.asOf().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    long postmortems = facts.overduePostmortems();
    long items = facts.overdueActionItems();
    return "As of "
        + date
        + ", "
        + (postmortems == 0 ? "no post-mortem" : plural(postmortems, "post-mortem"))
        + " and "
        + (items == 0 ? "no action item" : plural(items, "action item"))
        + (postmortems + items == 0 ? " is" : " are")
        + " overdue.";
  }

  static Optional<String> fallbackSentence(Facts facts) {
    List<String> parts = new ArrayList<>();
    for (Fallback fallback : facts.fallbacks()) {
      if (fallback.share() > FALLBACK_CAVEAT_SHARE) {
        parts.add(
            fallback.milestone()
                + " time comes from a fallback for "
                + Format.percent(fallback.share())
                + " of "
                + plural(fallback.incidents(), "incident"));
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Data-quality caveat: the "
            + String.join("; the ", parts)
            + ", so the durations that start or end there are approximate.");
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
