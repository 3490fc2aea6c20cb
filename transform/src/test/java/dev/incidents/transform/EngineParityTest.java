package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.Column;
import dev.incidents.core.schema.ColumnType;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.transform.duckdb.DuckDbEngine;
import dev.incidents.transform.spark.SparkEngine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline on Spark and on DuckDB over the same lake gives identical rows in every
 * derived table; percentiles and other doubles agree to a relative 1e-9.
 */
class EngineParityTest {
  @Test
  void sparkAndDuckDbAgreeOnEveryDerivedTable() {
    Lake lake = GeneratedLake.lake(21);
    TransformParameters parameters = GeneratedLake.parameters();
    TransformJob job = new TransformJob(lake, parameters);
    TransformJob.Computed duck;
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      duck = job.compute(engine, (step, seconds) -> {});
    }
    TransformJob.Computed spark;
    try (Engine engine = new SparkEngine(SharedSpark.get(), false, lake, parameters)) {
      spark = job.compute(engine, (step, seconds) -> {});
    }
    assertThat(spark.definitionsVersion()).isEqualTo(duck.definitionsVersion());
    assertThat(spark.outputs().keySet()).containsExactlyElementsOf(duck.outputs().keySet());
    for (Map.Entry<TableSchema, List<Object[]>> table : duck.outputs().entrySet()) {
      List<Object[]> expected = sorted(table.getKey(), table.getValue());
      List<Object[]> actual = sorted(table.getKey(), spark.outputs().get(table.getKey()));
      assertThat(actual).as(table.getKey().name() + " rows").hasSameSizeAs(expected);
      assertThat(expected).as(table.getKey().name()).isNotEmpty();
      for (int row = 0; row < expected.size(); row++) {
        for (int column = 0; column < table.getKey().columns().size(); column++) {
          Column definition = table.getKey().columns().get(column);
          Object want = expected.get(row)[column];
          Object got = actual.get(row)[column];
          String where = table.getKey().name() + "." + definition.name() + " row " + row;
          if (definition.type() == ColumnType.DOUBLE && want != null && got != null) {
            double a = (Double) want;
            double b = (Double) got;
            assertThat(Math.abs(a - b))
                .as(where)
                .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(a)));
          } else {
            assertThat(got).as(where).isEqualTo(want);
          }
        }
      }
    }
  }

  static List<Object[]> sorted(TableSchema table, List<Object[]> rows) {
    List<Integer> keys = new ArrayList<>();
    for (String key : table.keyColumns()) {
      keys.add(table.indexOf(key));
    }
    List<Object[]> copy = new ArrayList<>(rows);
    copy.sort(
        Comparator.comparing(
            row -> {
              StringBuilder key = new StringBuilder();
              for (int index : keys) {
                key.append(Objects.toString(row[index])).append('\u0001');
              }
              return key.toString();
            }));
    return copy;
  }
}
