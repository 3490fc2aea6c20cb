package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.cli.MainTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code incidents generate --snapshots}: the command lines the README documents. */
class GenerateCommandTest {
  @Test
  void dailySnapshotsAsTheReadmeShowsThem(@TempDir Path directory) throws Exception {
    Path out = directory.resolve("exports");
    Result result =
        MainTest.run(
            "generate",
            "--org",
            "small",
            "--months",
            "1",
            "--seed",
            "7",
            "--out",
            out.toString(),
            "--snapshots",
            "daily");
    assertThat(result.exitCode()).as(result.err()).isZero();
    int days = YearMonth.now(ZoneOffset.UTC).minusMonths(1).lengthOfMonth();
    try (Stream<Path> snapshots = Files.list(out.resolve("snapshots"))) {
      assertThat(snapshots.count()).isEqualTo(days);
    }
    assertThat(out.resolve("truth.json")).isRegularFile();
    assertThat(result.out())
        .containsPattern("(?m)^  snapshots\\s+\\d+\\s+[0-9.]+$")
        .containsPattern("(?m)^  snapshots\\.days\\s+" + days + "$");
  }

  @Test
  void snapshotEveryWritesEveryNthDayAndTheLast(@TempDir Path directory) throws Exception {
    Path out = directory.resolve("exports");
    Result result =
        MainTest.run(
            "generate",
            "--org",
            "small",
            "--months",
            "1",
            "--start",
            "2026-01",
            "--out",
            out.toString(),
            "--snapshots",
            "daily",
            "--snapshot-every",
            "10",
            "--quiet");
    assertThat(result.exitCode()).as(result.err()).isZero();
    try (Stream<Path> snapshots = Files.list(out.resolve("snapshots"))) {
      assertThat(snapshots.map(path -> path.getFileName().toString()).sorted())
          .containsExactly("2026-01-01", "2026-01-11", "2026-01-21", "2026-01-31");
    }

    Result plain =
        MainTest.run(
            "generate",
            "--org",
            "small",
            "--months",
            "1",
            "--start",
            "2026-01",
            "--out",
            out.toString(),
            "--quiet");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(out.resolve("snapshots")).as("stale snapshots are cleared").doesNotExist();
  }

  @Test
  void badSnapshotOptionsAreOneLineUsageErrors(@TempDir Path directory) {
    Result weekly =
        MainTest.run("generate", "--out", directory.toString(), "--snapshots", "weekly");
    assertThat(weekly.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(weekly.err())
        .isEqualTo("incidents: Invalid snapshots: 'weekly' (expected none or daily)\n");

    Result everyWithout =
        MainTest.run("generate", "--out", directory.toString(), "--snapshot-every", "3");
    assertThat(everyWithout.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(everyWithout.err())
        .isEqualTo("incidents: Invalid snapshot-every: 3 (needs snapshots daily)\n");
  }
}
