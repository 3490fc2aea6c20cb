package dev.incidents.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0 s",
    "89, 89 s",
    "90, 2 min",
    "100, 2 min",
    "5399, 90 min",
    "5400, 1 h 30 min",
    "7500, 2 h 05 min",
    "-100, −2 min"
  })
  void oneRuleForTheReportAndTheDraft(long seconds, String expected) {
    assertThat(Durations.format(seconds)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void notANumberReadsNotAvailable() {
    assertThat(Durations.format(Double.NaN)).isEqualTo("n/a");
  }
}
