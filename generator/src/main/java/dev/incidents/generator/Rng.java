package dev.incidents.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic randomness. Every entity draws from its own stream, seeded by the run's seed and
 * the entity's key, so adding an entity or reordering the work never changes another entity.
 */
final class Rng {
  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static Rng of(long seed, Object... keys) {
    long hash = 0x9E3779B97F4A7C15L ^ seed;
    for (Object key : keys) {
      String text = String.valueOf(key);
      for (int i = 0; i < text.length(); i++) {
        hash ^= text.charAt(i);
        hash *= 0x100000001B3L;
      }
      hash ^= 0xFF;
      hash *= 0x100000001B3L;
    }
    return new Rng(mix(hash));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  double uniform() {
    return random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong(long bound) {
    return random.nextLong(bound);
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  double gaussian() {
    double u1 = Math.max(random.nextDouble(), 1e-12);
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A heavy-tailed positive value with the given median (log-normal). */
  double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * gaussian());
  }

  /** Exponential inter-arrival time with the given mean. */
  double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  int poisson(double mean) {
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  String hex(int length) {
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(Character.forDigit(random.nextInt(16), 16));
    }
    return builder.toString();
  }

  String alphanumeric(int length, String alphabet) {
    StringBuilder builder = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return builder.toString();
  }
}
