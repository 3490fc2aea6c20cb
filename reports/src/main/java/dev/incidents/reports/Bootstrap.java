package dev.incidents.reports;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Honest month-over-month statistics: a percentile bootstrap of the difference between two months'
 * quantiles, with a fixed seed so that a report reproduces exactly.
 */
public final class Bootstrap {
  private Bootstrap() {}

  /** A 95% interval of a difference; significant when it excludes zero. */
  public record Interval(double low, double high) {
    public boolean significant() {
      return low > 0 || high < 0;
    }
  }

  /** Linear-interpolation quantile, as {@code percentile_cont}: position q × (n − 1). */
  public static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  public static double quantileOf(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return quantile(sorted, q);
  }

  /**
   * The 95% percentile-bootstrap interval of quantile(current) − quantile(previous), resampling
   * each month with replacement {@code resamples} times. Empty when either month has no values.
   */
  public static Optional<Interval> differenceOfQuantiles(
      double[] current, double[] previous, double q, int resamples, long seed) {
    if (current.length == 0 || previous.length == 0) {
      return Optional.empty();
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] differences = new double[resamples];
    double[] a = new double[current.length];
    double[] b = new double[previous.length];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < a.length; i++) {
        a[i] = current[random.nextInt(current.length)];
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = previous[random.nextInt(previous.length)];
      }
      Arrays.sort(a);
      Arrays.sort(b);
      differences[r] = quantile(a, q) - quantile(b, q);
    }
    Arrays.sort(differences);
    return Optional.of(new Interval(quantile(differences, 0.025), quantile(differences, 0.975)));
  }
}
