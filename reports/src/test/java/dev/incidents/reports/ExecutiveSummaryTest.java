package dev.incidents.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.reports.ExecutiveSummary.Facts;
import dev.incidents.reports.ExecutiveSummary.Fallback;
import dev.incidents.reports.ExecutiveSummary.Incident;
import dev.incidents.reports.ExecutiveSummary.Target;
import dev.incidents.reports.ExecutiveSummary.TargetStatus;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Every sentence of the executive summary on four fixtures: a significant increase, no significant
 * change, an empty previous month, and fewer than five incidents. The intervals of the first two
 * fixtures are computed by the real bootstrap from hand-written samples.
 */
class ExecutiveSummaryTest {
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  static final Instant AS_OF = Instant.parse("2026-12-01T06:00:00Z");
  static final Incident CHECKOUT_OUTAGE =
      new Incident(
          "INC-19",
          "Checkout [EU] down",
          "SEV1",
          Optional.of(7200.0),
          Optional.of(Phase.TROUBLESHOOT),
          3600,
          "https://docs.example.com/postmortems/INC-19");
  static final List<Target> TARGETS =
      List.of(
          new Target("post-mortems published", "50% of 2", "100%", TargetStatus.MISSED),
          new Target("action items with owner and due date", "95% of 20", "90%", TargetStatus.MET),
          new Target("team assembly (p50)", "n/a", "3 min", TargetStatus.NO_DATA));

  static ExecutiveSummary.Change change(double[] now, double[] before) {
    return new ExecutiveSummary.Change(
        "p50 time to resolve",
        Bootstrap.quantileOf(now, 0.5),
        Bootstrap.quantileOf(before, 0.5),
        now.length,
        before.length,
        Bootstrap.differenceOfQuantiles(now, before, 0.5, 2000, 7));
  }

  static double[] minutes(double... values) {
    double[] seconds = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      seconds[i] = values[i] * 60;
    }
    return seconds;
  }

  /** Twelve incidents around two hours this month against ten around half an hour before. */
  static Facts significantIncreaseFixture() {
    return new Facts(
        NOVEMBER,
        12,
        Map.of("SEV1", 2L, "SEV2", 4L, "SEV3", 6L),
        Optional.of(10L),
        Map.of("SEV2", 3L, "SEV3", 7L),
        OptionalDouble.of(9),
        6,
        List.of(
            change(
                minutes(110, 115, 118, 120, 120, 121, 122, 125, 126, 130, 135, 140),
                minutes(25, 28, 29, 30, 30, 31, 32, 33, 35, 40))),
        5,
        TARGETS,
        Optional.of(CHECKOUT_OUTAGE),
        AS_OF,
        2,
        5,
        List.of(new Fallback("detected", 0.45, 12), new Fallback("paged", 0.30, 12)));
  }

  /** The same spread of values in both months. */
  static Facts noSignificantChangeFixture() {
    return new Facts(
        NOVEMBER,
        8,
        Map.of("SEV2", 2L, "SEV3", 6L),
        Optional.of(8L),
        Map.of("SEV2", 2L, "SEV3", 6L),
        OptionalDouble.of(8),
        3,
        List.of(
            change(
                minutes(20, 35, 40, 55, 60, 75, 90, 120),
                minutes(25, 30, 45, 50, 65, 70, 95, 110))),
        5,
        List.of(new Target("post-mortems published", "100% of 2", "100%", TargetStatus.MET)),
        Optional.of(
            new Incident(
                "INC-7",
                "Search slow",
                "SEV2",
                Optional.empty(),
                Optional.empty(),
                Double.NaN,
                "#incidents-this-month")),
        AS_OF,
        0,
        0,
        List.of(new Fallback("detected", 0.25, 8)));
  }

  /** Last month had no incident at all; the lake has no earlier month. */
  static Facts emptyPreviousMonthFixture() {
    return new Facts(
        NOVEMBER,
        6,
        Map.of("SEV1", 1L, "SEV4", 5L),
        Optional.of(0L),
        Map.of(),
        OptionalDouble.of(0),
        1,
        List.of(),
        5,
        List.of(),
        Optional.of(CHECKOUT_OUTAGE),
        AS_OF,
        1,
        0,
        List.of());
  }

  /** Three incidents this month and four the month before: too few for an interval. */
  static Facts fewerThanFiveFixture() {
    return new Facts(
        NOVEMBER,
        3,
        Map.of("SEV3", 3L),
        Optional.of(4L),
        Map.of("SEV3", 4L),
        OptionalDouble.empty(),
        0,
        List.of(
            new ExecutiveSummary.Change("p50 time to resolve", 3600, 1800, 3, 4, Optional.empty())),
        5,
        List.of(new Target("post-mortems published", "n/a", "100%", TargetStatus.NO_DATA)),
        Optional.empty(),
        AS_OF,
        0,
        1,
        List.of());
  }

  @Test
  void aSignificantIncrease() {
    List<String> sentences = ExecutiveSummary.sentences(significantIncreaseFixture());
    assertThat(sentences).hasSize(6);
    assertThat(sentences.get(0))
        .isEqualTo(
            "November 2026 had 12 counted incidents (2 SEV1, 4 SEV2, 6 SEV3), up from 10 in"
                + " October 2026 (0 SEV1, 3 SEV2, 7 SEV3), and above the median of 9 over the 6"
                + " months before.");
    assertThat(significantIncreaseFixture().changes().get(0).significant()).isTrue();
    assertThat(sentences.get(1))
        .startsWith(
            "The largest significant change: p50 time to resolve rose from 31 min to 2 h 02 min"
                + " (+1 h 31 min; 95% interval +")
        .endsWith("; n = 12 and 10).");
    assertThat(sentences.get(2))
        .isEqualTo(
            "Target missed: post-mortems published at 50% of 2 (target 100%) (no data for team"
                + " assembly (p50)).");
    assertThat(sentences.get(3))
        .isEqualTo(
            "The month's worst incident was [INC-19 “Checkout (EU) down”]"
                + "(https://docs.example.com/postmortems/INC-19) (SEV1, resolved in 2 h 00 min; slowest"
                + " phase troubleshoot, 60 min).");
    assertThat(sentences.get(4))
        .isEqualTo("As of 2026-12-01, 2 post-mortems and 5 action items are overdue.");
    assertThat(sentences.get(5))
        .isEqualTo(
            "Data-quality caveat: the detected time comes from a fallback for 45% of 12"
                + " incidents, so the durations that start or end there are approximate.");
  }

  @Test
  void noSignificantChange() {
    Facts facts = noSignificantChangeFixture();
    List<String> sentences = ExecutiveSummary.sentences(facts);
    assertThat(sentences).hasSize(5);
    assertThat(sentences.get(0))
        .isEqualTo(
            "November 2026 had 8 counted incidents (2 SEV2, 6 SEV3), the same as 8 in October"
                + " 2026 (2 SEV2, 6 SEV3), and equal to the median of 8 over the 3 months before.");
    assertThat(facts.changes().get(0).interval()).isPresent();
    assertThat(sentences.get(1))
        .isEqualTo(
            "No change is statistically significant at this sample size (p50 time to resolve 58"
                + " min against 58 min, n = 8 and 8; every 95% interval includes zero).");
    assertThat(sentences.get(2)).isEqualTo("The one target with data was met.");
    assertThat(sentences.get(3))
        .isEqualTo(
            "The month's worst incident was [INC-7 “Search slow”](#incidents-this-month) (SEV2,"
                + " still open).");
    assertThat(sentences.get(4))
        .isEqualTo("As of 2026-12-01, no post-mortem and no action item is overdue.");
  }

  @Test
  void anEmptyPreviousMonth() {
    List<String> sentences = ExecutiveSummary.sentences(emptyPreviousMonthFixture());
    assertThat(sentences.get(0))
        .isEqualTo(
            "November 2026 had 6 counted incidents (1 SEV1, 5 SEV4), against none in October"
                + " 2026, and above the median of 0 over the one month before.");
    assertThat(sentences.get(1))
        .isEqualTo(
            "With 6 incidents this month and 0 the month before, the samples are too small for an"
                + " interval (fewer than 5 in a month), so no change can be called significant.");
    assertThat(sentences.get(2)).isEqualTo("No target could be judged this month.");
    assertThat(sentences.get(4))
        .isEqualTo("As of 2026-12-01, 1 post-mortem and no action item are overdue.");
    assertThat(sentences).hasSize(5);
  }

  @Test
  void fewerThanFiveIncidents() {
    List<String> sentences = ExecutiveSummary.sentences(fewerThanFiveFixture());
    assertThat(sentences).hasSize(4);
    assertThat(sentences.get(0))
        .isEqualTo(
            "November 2026 had 3 counted incidents (3 SEV3), down from 4 in October 2026 (4"
                + " SEV3); there are no earlier months for a trailing median.");
    assertThat(sentences.get(1))
        .isEqualTo(
            "With 3 incidents this month and 4 the month before, the samples are too small for an"
                + " interval (fewer than 5 in a month), so no change can be called significant.");
    assertThat(sentences.get(2)).isEqualTo("No target could be judged this month.");
    assertThat(sentences.get(3))
        .isEqualTo("As of 2026-12-01, no post-mortem and 1 action item are overdue.");
  }

  @Test
  void aMonthWithoutDataBeforeItSaysSo() {
    Facts facts = fewerThanFiveFixture();
    Facts first =
        new Facts(
            facts.month(),
            facts.incidents(),
            facts.bySeverity(),
            Optional.empty(),
            Map.of(),
            OptionalDouble.empty(),
            0,
            List.of(),
            5,
            facts.targets(),
            Optional.empty(),
            AS_OF,
            0,
            0,
            List.of());
    assertThat(ExecutiveSummary.sentences(first).get(0))
        .isEqualTo(
            "November 2026 had 3 counted incidents (3 SEV3); October 2026 has no data to compare"
                + " with; there are no earlier months for a trailing median.");
  }
}
