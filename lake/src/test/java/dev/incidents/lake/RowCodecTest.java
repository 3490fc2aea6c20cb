package dev.incidents.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A staged row survives its encoding unchanged, and its maps come back in key order whatever their
 * size (sorted in place up to 32 entries, by a tree above) and whatever order they were built in:
 * the order the lake's files hold maps in.
 */
class RowCodecTest {
  /** Whole code points: a lone surrogate is not text (UTF-8 writes it as '?', as Parquet does). */
  private static final String[] LETTERS = {
    "a", "b", "z", "A", "Z", ".", "_", "-", "0", "é", "中", "\ud83d\ude00"
  };

  @ParameterizedTest
  @ValueSource(longs = {3, 30, 300})
  void rowsRoundTripAndMapsComeBackInKeyOrder(long seed) {
    Random random = new Random(seed);
    RowCodec codec = new RowCodec(LakeTables.ALERTS);
    for (int round = 0; round < 200; round++) {
      int size = random.nextInt(4) == 0 ? 33 + random.nextInt(30) : random.nextInt(33);
      Map<String, String> labels = new HashMap<>();
      while (labels.size() < size) {
        StringBuilder key = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
          key.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        labels.put(key.toString(), random.nextInt(5) == 0 ? null : "v" + random.nextInt(100));
      }
      Instant fired = Instant.parse("2026-03-01T00:00:00.123456Z").plusSeconds(round);
      Object[] row =
          new RowBuilder(LakeTables.ALERTS)
              .set("alert_id", "alertmanager:alert:" + round)
              .set("source", "alertmanager")
              .set("status", "firing")
              .set("fired_at", fired)
              .set("labels", labels)
              .build();
      Object[] decoded = codec.decode(codec.encode(row));
      for (int i = 0; i < row.length; i++) {
        assertThat(decoded[i]).as("column %d, round %d", i, round).isEqualTo(row[i]);
      }
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) decoded[LakeTables.ALERTS.indexOf("labels")];
      List<String> expected = new ArrayList<>(labels.keySet());
      expected.sort(null);
      assertThat(new ArrayList<>(map.keySet())).as("round %d", round).isEqualTo(expected);
    }
  }
}
