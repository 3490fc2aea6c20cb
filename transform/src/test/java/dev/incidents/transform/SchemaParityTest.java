package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.lake.ParquetSchemas;
import dev.incidents.lake.TableWrite;
import dev.incidents.transform.spark.SparkLake;
import dev.incidents.transform.spark.SparkSchemas;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every lake table, the Parquet schema in the written file, the Spark StructType Spark reads
 * from it, and the DuckDB view over it all agree with the one definition in {@link LakeTables}.
 */
class SchemaParityTest {
  @TempDir static Path directory;
  static Lake lake;

  @BeforeAll
  static void writeOneFullRowPerTable() {
    lake = new Lake(directory.resolve("lake"));
    for (TableSchema table : LakeTables.ALL) {
      try (TableWrite write = lake.replace(table)) {
        write.add(fullRow(table));
        write.commit();
      }
    }
  }

  static Stream<TableSchema> tables() {
    return LakeTables.ALL.stream();
  }

  @ParameterizedTest
  @MethodSource("tables")
  void parquetFooterMatchesTheDefinition(TableSchema table) throws Exception {
    Path file = lake.files(table).get(0);
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType written = reader.getFooter().getFileMetaData().getSchema();
      assertThat(written).isEqualTo(ParquetSchemas.messageType(table));
      assertThat(written.toString()).doesNotContain("isAdjustedToUTC=false");
    }
  }

  @ParameterizedTest
  @MethodSource("tables")
  void sparkInfersTheDeclaredStructType(TableSchema table) {
    StructType inferred =
        SharedSpark.get()
            .read()
            // Month folders are physical layout only: lake readers never infer partitions.
            .option("recursiveFileLookup", "true")
            .parquet(lake.tablePath(table).toUri().toString())
            .schema();
    StructType declared = SparkSchemas.structType(table);
    assertThat(inferred.fieldNames()).containsExactly(declared.fieldNames());
    for (var field : declared.fields()) {
      assertThat(inferred.apply(field.name()).dataType())
          .as(table.name() + "." + field.name())
          .isEqualTo(field.dataType());
    }
  }

  @ParameterizedTest
  @MethodSource("tables")
  void duckDbReadsTheDeclaredTypes(TableSchema table) throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      List<String> expected = new ArrayList<>();
      for (Column column : table.columns()) {
        expected.add(column.name() + " " + LakeViews.duckDbType(column.type()));
      }
      String file = lake.files(table).get(0).toString();
      assertThat(
              LakeViews.describe(
                  connection,
                  "SELECT * FROM read_parquet('" + file + "', hive_partitioning = false)"))
          .containsExactlyElementsOf(expected);
      assertThat(LakeViews.describe(connection, table.name())).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void bothEnginesGetTheSameEpochSecondsFromALakeTimestamp() throws Exception {
    Dataset<Row> alerts = SparkLake.read(SharedSpark.get(), lake, LakeTables.ALERTS);
    alerts.createOrReplaceTempView("alerts");
    long spark =
        SharedSpark.get().sql("SELECT unix_seconds(fired_at) FROM alerts").first().getLong(0);
    long duck;
    try (Connection connection = LakeViews.open(lake);
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT unix_seconds(fired_at) FROM alerts")) {
      result.next();
      duck = result.getLong(1);
    }
    assertThat(spark).isEqualTo(duck).isEqualTo(SAMPLE_INSTANT.getEpochSecond());
  }

  @Test
  void aMissingTableReadsAsEmptyInSpark(@TempDir Path empty) {
    Dataset<Row> rows = SparkLake.read(SharedSpark.get(), new Lake(empty), LakeTables.INCIDENTS);
    assertThat(rows.count()).isZero();
    assertThat(rows.schema()).isEqualTo(SparkSchemas.structType(LakeTables.INCIDENTS));
  }

  static final Instant SAMPLE_INSTANT = Instant.parse("2026-02-03T04:05:06.789Z");

  private static Object[] fullRow(TableSchema table) {
    Object[] row = new Object[table.columns().size()];
    for (int i = 0; i < row.length; i++) {
      Column column = table.columns().get(i);
      row[i] =
          switch (column.type()) {
            case STRING ->
                column.name().endsWith("_id") ? "test:" + table.name() + ":1" : "2026-02";
            case BIGINT -> 42L;
            case INT -> 7;
            case DOUBLE -> 0.5;
            case BOOLEAN -> true;
            case TIMESTAMP -> SAMPLE_INSTANT;
            case DATE -> LocalDate.of(2026, 2, 3);
            case STRING_ARRAY -> List.of("checkout");
            case STRING_MAP -> Map.of("team", "payments");
          };
    }
    return row;
  }
}
