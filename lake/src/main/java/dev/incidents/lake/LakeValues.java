package dev.incidents.lake;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.TableSchema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /** The physical partition folder of a row: {@code month=YYYY-MM}, or none for flat tables. */
  static String partitionOf(TableSchema table, int partitionIndex, Object[] row) {
    if (partitionIndex < 0) {
      return "";
    }
    Object value = row[partitionIndex];
    String month;
    if (value == null) {
      month = "unknown";
    } else if (value instanceof Instant instant) {
      month = instant.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
    } else if (value instanceof LocalDate date) {
      month = date.toString().substring(0, 7);
    } else {
      month = value.toString().replaceAll("[^A-Za-z0-9_-]", "_");
    }
    return "month=" + month;
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

  /** A 64-bit FNV-1a hash of a row's content, stable across runs. */
  static long contentHash(TableSchema table, Object[] row) {
    long hash = 0xcbf29ce484222325L;
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      hash = fnv(hash, render(row[i]));
      hash = fnv(hash, "\u0002");
    }
    return hash;
  }

  private static String render(Object value) {
    if (value == null) {
      return "\u0000null";
    }
    if (value instanceof Map<?, ?> map) {
      return new TreeMap<>(map).toString();
    }
    return value.toString();
  }

  private static long fnv(long hash, String text) {
    // Over UTF-16 code units: no byte array per value on the ingest hot path.
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
