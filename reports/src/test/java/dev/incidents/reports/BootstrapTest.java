package dev.incidents.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapTest {
  @Test
  void quantilesInterpolateLinearlyLikePercentileCont() {
    double[] values = {10, 20, 30, 40};
    // position 0.5 * 3 = 1.5 → 20 + 0.5 * 10; position 0.9 * 3 = 2.7 → 30 + 0.7 * 10.
    assertThat(Bootstrap.quantileOf(values, 0.5)).isEqualTo(25.0);
    assertThat(Bootstrap.quantileOf(values, 0.9)).isCloseTo(37.0, within(1e-12));
    assertThat(Bootstrap.quantileOf(new double[] {7}, 0.9)).isEqualTo(7.0);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    double[] a = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100};
    double[] b = {150, 250, 350, 450, 550, 650, 750, 850, 950, 1050, 1150};
    assertThat(Bootstrap.differenceOfQuantiles(a, b, 0.5, 2000, 42))
        .isEqualTo(Bootstrap.differenceOfQuantiles(a, b, 0.5, 2000, 42));
    assertThat(Bootstrap.differenceOfQuantiles(a, new double[0], 0.5, 2000, 42)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aLargeShiftIsSignificantAndNoShiftIsNot(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] before = new double[200];
    double[] same = new double[200];
    double[] slower = new double[200];
    for (int i = 0; i < 200; i++) {
      before[i] = 1800 + random.nextDouble() * 600;
      same[i] = 1800 + random.nextDouble() * 600;
      slower[i] = 3600 + random.nextDouble() * 600;
    }
    Bootstrap.Interval shifted =
        Bootstrap.differenceOfQuantiles(slower, before, 0.5, 2000, 20211001).orElseThrow();
    assertThat(shifted.significant()).isTrue();
    assertThat(shifted.low()).isGreaterThan(1500);
    assertThat(shifted.high()).isLessThan(2100);
    assertThat(
            Bootstrap.differenceOfQuantiles(same, before, 0.5, 2000, 20211001)
                .orElseThrow()
                .significant())
        .isFalse();
  }
}
