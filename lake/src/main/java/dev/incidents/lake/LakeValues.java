package dev.incidents.lake;

import dev.incidents.core.schema.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Value conventions shared by the writer and the reader. */
public final class LakeValues {
  private LakeValues() {}

  static long toEpochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Instant fromEpochMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** Truncates instants to the microsecond the lake stores, so written and read rows compare. */
  static Object[] normalize(TableSchema table, Object[] row) {
    if (row.length != table.columns().size()) {
      throw new IllegalArgumentException(
          "Invalid row for "
              + table.name()
              + ": "
              + row.length
              + " values for "
              + table.columns().size()
              + " columns");
    }
    Object[] copy = row.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] instanceof Instant instant) {
        copy[i] = instant.truncatedTo(ChronoUnit.MICROS);
      }
    }
    return copy;
  }

  /**
   * A Hadoop configuration for one Parquet reader or writer, without the default resources: a
   * default {@code Configuration} searched the class path for its XML files each time (JFR showed
   * the jar lookups on the commit path). Never shared: Parquet's builders write their settings into
   * it, and a configuration shared by concurrent writers let one writer's column settings reach
   * another's file.
   */
  static org.apache.hadoop.conf.Configuration hadoop() {
    return new org.apache.hadoop.conf.Configuration(false);
  }

  private static final int FIRST_YEAR = 1800;
  private static final String[] MONTHS = new String[12 * 400];

  static {
    for (int slot = 0; slot < MONTHS.length; slot++) {
      MONTHS[slot] = String.format("month=%04d-%02d", FIRST_YEAR + slot / 12, slot % 12 + 1);
    }
  }

  /** The physical partition folder of a row: {@code month=YYYY-MM}, or none for flat tables. */
  static String partitionOf(TableSchema table, int partitionIndex, Object[] row) {
    if (partitionIndex < 0) {
      return "";
    }
    Object value = row[partitionIndex];
    if (value == null) {
      return "month=unknown";
    }
    LocalDate date;
    if (value instanceof Instant instant) {
      date = LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), 86_400L));
    } else if (value instanceof LocalDate local) {
      date = local;
    } else {
      return "month=" + value.toString().replaceAll("[^A-Za-z0-9_-]", "_");
    }
    int slot = (date.getYear() - FIRST_YEAR) * 12 + date.getMonthValue() - 1;
    if (slot < 0 || slot >= MONTHS.length) {
      return "month=" + date.toString().substring(0, date.toString().length() - 3);
    }
    return MONTHS[slot];
  }

  /** The upsert key of a row: its key columns joined with a separator that ids never contain. */
  static String keyOf(int[] keyIndexes, Object[] row) {
    if (keyIndexes.length == 1) {
      return String.valueOf(row[keyIndexes[0]]);
    }
    StringBuilder key = new StringBuilder();
    for (int index : keyIndexes) {
      key.append(row[index]).append('\u0001');
    }
    return key.toString();
  }

  /**
   * A 64-bit hash of a row's content, stable across runs and JVMs: FNV-1a over strings' UTF-16 code
   * units and over numbers' bits, with a type tag per value; a map's entries are combined without
   * regard to their order.
   */
  static long contentHash(TableSchema table, Object[] row) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < row.length; i++) {
      hash = mix(hash, valueHash(row[i]));
    }
    return hash;
  }

  private static long valueHash(Object value) {
    if (value == null) {
      return 0x9e3779b97f4a7c15L;
    }
    if (value instanceof String text) {
      return fnv(0x100L, text);
    }
    if (value instanceof Instant instant) {
      return mix(mix(0x200L, instant.getEpochSecond()), instant.getNano());
    }
    if (value instanceof Long number) {
      return mix(0x300L, number);
    }
    if (value instanceof Integer number) {
      return mix(0x400L, number);
    }
    if (value instanceof Double number) {
      return mix(0x500L, Double.doubleToLongBits(number));
    }
    if (value instanceof Boolean flag) {
      return flag ? 0x601L : 0x600L;
    }
    if (value instanceof LocalDate date) {
      return mix(0x700L, date.toEpochDay());
    }
    if (value instanceof List<?> list) {
      long hash = mix(0x800L, list.size());
      for (Object element : list) {
        hash = mix(hash, valueHash(element));
      }
      return hash;
    }
    if (value instanceof Map<?, ?> map) {
      long sum = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        sum += mix(valueHash(entry.getKey().toString()), valueHash(entry.getValue()));
      }
      return mix(mix(0x900L, map.size()), sum);
    }
    return fnv(0xa00L, value.toString());
  }

  private static long mix(long hash, long value) {
    long h = (hash ^ value) * 0x100000001b3L;
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    return h ^ (h >>> 32);
  }

  private static long fnv(long seed, String text) {
    // Over UTF-16 code units: no byte array per value on the ingest hot path.
    long hash = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
