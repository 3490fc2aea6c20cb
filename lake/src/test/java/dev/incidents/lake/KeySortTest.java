package dev.incidents.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multikey quicksort of staged keys gives exactly the comparator's order: keys with long common
 * prefixes (vendor ids), keys that are prefixes of others, many equal keys told apart by a second
 * field, empty keys, and NUL, non-Latin-1 and surrogate characters.
 */
@org.junit.jupiter.api.Timeout(60) // a sort that loops fails instead of hanging the build
class KeySortTest {
  record Keyed(String key, int rank) {}

  private static final Comparator<Keyed> ORDER =
      Comparator.comparing(Keyed::key).thenComparing(Keyed::rank, Comparator.reverseOrder());

  private static final String[] ALPHABETS = {
    "0123456789abcdef", "ab", "ab\u0000\u0001", "aé\u00ff", "a\u0100\u4e2d", "a\ud83d\ude00z"
  };

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 19, 2026, 424242})
  void sortsLikeTheComparatorWhateverTheKeys(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
      String prefix = random.nextBoolean() ? "alertmanager:alert:" : "";
      int n = random.nextInt(3000);
      Keyed[] entries = new Keyed[n];
      for (int i = 0; i < n; i++) {
        StringBuilder key = new StringBuilder(prefix);
        int length = random.nextInt(random.nextBoolean() ? 4 : 30);
        for (int j = 0; j < length; j++) {
          key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        entries[i] =
            i > 0 && random.nextInt(5) == 0
                ? new Keyed(entries[random.nextInt(i)].key, random.nextInt(4))
                : new Keyed(key.toString(), random.nextInt(4));
      }
      Keyed[] expected = entries.clone();
      Arrays.sort(expected, ORDER);
      Keyed[] actual = entries.clone();
      KeySort.sort(actual, Keyed::key, ORDER);
      assertThat(actual)
          .as("seed %d round %d alphabet %s", seed, round, alphabet)
          .containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 24, 25, 100_000})
  void sortsEveryRangeSizeIncludingTheEdgesOfTheComparisonCutOff(int n) {
    Random random = new Random(n);
    Keyed[] entries = new Keyed[n];
    for (int i = 0; i < n; i++) {
      entries[i] =
          new Keyed(
              "slack:message:C00" + (5_000_000 + random.nextInt(300)) + ":" + random.nextInt(),
              random.nextInt(3));
    }
    Keyed[] expected = entries.clone();
    Arrays.sort(expected, ORDER);
    KeySort.sort(entries, Keyed::key, ORDER);
    assertThat(entries).containsExactly(expected);
  }
}
