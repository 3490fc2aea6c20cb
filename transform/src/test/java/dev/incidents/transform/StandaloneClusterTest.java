package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.core.schema.TableSchema;
import dev.incidents.lake.Lake;
import dev.incidents.transform.duckdb.DuckDbEngine;
import dev.incidents.transform.spark.LocalCluster;
import dev.incidents.transform.spark.TransformMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster: a master and a worker on 127.0.0.1 started from the test's own class
 * path, the transform submitted to spark://127.0.0.1 from a separate driver process (one
 * SparkContext per JVM), and its derived tables compared with a local run.
 */
class StandaloneClusterTest {
  @TempDir Path directory;

  @Test
  void transformOnAStandaloneClusterMatchesTheLocalRun() throws Exception {
    Lake source = GeneratedLake.lake(31);
    Path clusterLake = directory.resolve("cluster-lake");
    copy(source.root(), clusterLake);
    LocalCluster cluster = new LocalCluster(directory.resolve("cluster"));
    String flags = System.getenv().getOrDefault("INCIDENTS_SPARK_FLAGS", "");
    try {
      LocalCluster.Status status =
          cluster.up(LocalCluster.currentClassPath(), flags, Duration.ofSeconds(90));
      assertThat(status.running()).isTrue();
      assertThat(status.masterUrl()).startsWith("spark://127.0.0.1:");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of(flags.trim().split("\\s+")));
      command.addAll(
          List.of(
              "-Xmx1g",
              "-cp",
              System.getProperty("java.class.path"),
              TransformMain.class.getName(),
              "--lake",
              clusterLake.toString(),
              "--as-of",
              GeneratedLake.AS_OF.toString(),
              "--master",
              status.masterUrl()));
      Process driver =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("driver.log").toFile())
              .start();
      assertThat(driver.waitFor(240, TimeUnit.SECONDS)).as("driver finished").isTrue();
      assertThat(driver.exitValue()).as(Files.readString(directory.resolve("driver.log"))).isZero();
      assertThat(Files.readString(cluster.sparkHome().getParent().resolve("worker.log")))
          .contains("Asked to launch executor");
    } finally {
      cluster.down();
    }
    assertThat(cluster.status().running()).isFalse();

    TransformParameters parameters = GeneratedLake.parameters();
    TransformJob.Computed local;
    try (Engine engine = new DuckDbEngine(source, parameters)) {
      local = new TransformJob(source, parameters).compute(engine, (step, seconds) -> {});
    }
    Lake onCluster = new Lake(clusterLake);
    for (Map.Entry<TableSchema, List<Object[]>> table : local.outputs().entrySet()) {
      List<Object[]> expected = EngineParityTest.sorted(table.getKey(), table.getValue());
      List<Object[]> actual =
          EngineParityTest.sorted(table.getKey(), onCluster.readAll(table.getKey()));
      assertThat(actual).as(table.getKey().name()).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i))
            .as(table.getKey().name() + " row " + i)
            .containsExactly(expected.get(i));
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    // Copies the current version of each table (links resolved).
    Files.createDirectories(to);
    try (Stream<Path> tables = Files.list(from)) {
      for (Path table :
          tables
              .filter(Files::isDirectory)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .toList()) {
        Path real = table.toRealPath();
        try (Stream<Path> walk = Files.walk(real)) {
          for (Path file : walk.filter(Files::isRegularFile).toList()) {
            Path target =
                to.resolve(".versions")
                    .resolve(table.getFileName().toString())
                    .resolve("v0")
                    .resolve(real.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
          }
        }
        Files.createSymbolicLink(
            to.resolve(table.getFileName().toString()),
            Path.of(".versions", table.getFileName().toString(), "v0"));
      }
    }
  }
}
