package dev.incidents.core.schema;

/**
 * The logical column types of the lake. Every engine mapping (Parquet, Spark, DuckDB) is a switch
 * over this enum, so a new type cannot be added without every mapping being updated.
 */
public enum ColumnType {
  /** UTF-8 text; also every vendor id. Java value: {@link String}. */
  STRING,
  /** 64-bit integer; durations in seconds. Java value: {@link Long}. */
  BIGINT,
  /** 32-bit integer. Java value: {@link Integer}. */
  INT,
  /** Double precision. Java value: {@link Double}. */
  DOUBLE,
  /** Java value: {@link Boolean}. */
  BOOLEAN,
  /** Instant in UTC, microsecond precision, UTC-adjusted. Java value: {@link java.time.Instant}. */
  TIMESTAMP,
  /** Calendar date. Java value: {@link java.time.LocalDate}. */
  DATE,
  /** Array of strings. Java value: {@code List<String>}. */
  STRING_ARRAY,
  /** Map of string to string. Java value: {@code Map<String, String>}. */
  STRING_MAP
}
