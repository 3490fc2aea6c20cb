package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench runs end to end at the small size and prints every key; timings are not asserted. */
class BenchSmokeTest {
  @Test
  void benchPrintsEveryFigureAsJson(@TempDir Path directory) throws Exception {
    MainTest.Result result =
        MainTest.run(
            "bench",
            "--org",
            "small",
            "--runs",
            "1",
            "--warm-ups",
            "1",
            "--format",
            "json",
            "--dir",
            directory.toString(),
            "--stages",
            "ingest,transform,report,draft,sql");
    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out());
    for (String key :
        new String[] {
          "ingest_mb_per_s_per_core",
          "ingest_first_run_s",
          "bare_parse_mb_per_s",
          "ingest_vs_bare_parse_ratio",
          "transform_spark_s",
          "transform_duckdb_s",
          "transform_spark_vs_duckdb_ratio",
          "report_s",
          "draft_s",
          "sql_p50_ttr_by_service_month_s",
          "peak_heap_mb_ingest",
          "peak_heap_mb_transform_spark"
        }) {
      assertThat(json.has(key)).as(key).isTrue();
      assertThat(json.get(key).asDouble()).as(key).isPositive();
    }
    assertThat(json.get("min_max").get("report_s").size()).isEqualTo(2);
  }
}
