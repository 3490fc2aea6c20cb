package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.pull.fake.FakePagerDuty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's command lines as a scheduler would: the cron lines, the systemd ExecStart and
 * the Kubernetes args, taken from the README itself, run by /bin/sh in a working folder whose
 * {@code ./incidents} starts this build's CLI. The exports hold a quarantined record, so ingest
 * exits 3, and the report must still be written. Each example's {@code pull all} runs against a
 * fake PagerDuty on 127.0.0.1 serving the generated organisation's PagerDuty exports (the only
 * source configured, through INCIDENTS_SOURCES_PAGERDUTY_*), so the pull really fetches and
 * ingests. Transform runs on DuckDB (INCIDENTS_TRANSFORM_ENGINE) to keep Spark out of a subprocess.
 */
class ReadmeSchedulingTest {
  @TempDir static Path home;
  static Path exports;
  static String readme;
  static FakePagerDuty pagerDuty;

  @AfterAll
  static void stopTheFake() {
    if (pagerDuty != null) {
      pagerDuty.close();
    }
  }

  /** The pull of the scheduled line fetched from the fake and left a complete raw run folder. */
  static void assertPulled(Path workingDirectory) throws IOException {
    assertThat(pagerDuty.requests()).anyMatch(r -> r.startsWith("/incidents?"));
    try (Stream<Path> runs = Files.list(workingDirectory.resolve("data/raw/pagerduty"))) {
      assertThat(runs.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.matches("pull-\\d{17}"));
    }
  }

  @BeforeAll
  static void organisationWithAQuarantinedRecord() throws IOException {
    readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    exports = home.resolve("exports");
    MainTest.Result generated =
        MainTest.run("generate", "--org", "small", "--months", "2", "--out", exports.toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    Files.writeString(
        exports.resolve("alertmanager").resolve("broken-webhook.json"),
        "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"groupLabels\":{},\"alerts\":"
            + "[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"service\":\"s\"},"
            + "\"annotations\":{},\"startsAt\":\"yesterday\",\"fingerprint\":\"broken\"}]}\n");
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = ProcessHandle.current().info().command().orElse("java");
    Path launcher = home.resolve("incidents");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec '"
            + java
            + "' -Xmx1g -Duser.timezone=UTC -Djava.awt.headless=true -cp '"
            + classPath
            + "' dev.incidents.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    pagerDuty = new FakePagerDuty();
    pagerDuty.exports(exports.resolve("pagerduty"));
  }

  record Run(int exitCode, String output) {}

  static Run shell(String command, Path directory) throws Exception {
    Path log = Files.createTempFile(home, "run", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("INCIDENTS_TRANSFORM_ENGINE", "duckdb");
    builder.environment().put("HOME", home.toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("INCIDENTS_SOURCES_"));
    builder
        .environment()
        .put("INCIDENTS_SOURCES_PAGERDUTY_BASE_URL", pagerDuty.baseUrl().toString());
    builder.environment().put("INCIDENTS_SOURCES_PAGERDUTY_TOKEN", FakePagerDuty.TOKEN);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** The lines of the README's fenced block that starts with the given fence. */
  static List<String> block(String fence) {
    int start = readme.indexOf("```" + fence + "\n");
    assertThat(start).as("a ```" + fence + " block in the README").isNotNegative();
    int end = readme.indexOf("\n```", start + 4);
    return readme.substring(start + fence.length() + 4, end).lines().toList();
  }

  static List<Path> reports(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().equals("report.md")).toList();
    }
  }

  @Test
  void theCronLinesRunAndTheReportIsWrittenDespiteAQuarantinedRecord() throws Exception {
    List<String> lines = block("cron").stream().filter(l -> !l.startsWith("#")).toList();
    assertThat(lines).hasSize(2);
    Path before = Files.createDirectories(home.resolve("cron"));
    for (String line : lines) {
      // A crontab line: five schedule fields, then the command; cron turns \% into %.
      String command = line.split("\\s+", 6)[5].replace("\\%", "%");
      command =
          command
              .replace("cd /opt/incidents", "cd '" + home + "'")
              .replace("/srv/exports", exports.toString())
              .replace("/srv/drafts", before.resolve("drafts").toString());
      Run run = shell(command, home);
      assertThat(run.exitCode()).as(command + "\n" + run.output()).isZero();
    }
    assertThat(reports(home.resolve("data/reports"))).as("the monthly report").isNotEmpty();
    assertPulled(home);
    Run quarantine =
        shell("./incidents sql -e 'SELECT count(*) AS n FROM quarantine' --format csv", home);
    assertThat(quarantine.output()).as("ingest quarantined a record").doesNotStartWith("n\n0");
    Run ingest = shell("./incidents ingest -q '" + exports + "'", home);
    assertThat(ingest.exitCode()).as(ingest.output()).isEqualTo(ExitCode.PARTIAL);
    assertThat(ingest.output())
        .contains("record(s) quarantined: see `incidents sql --lake " + home.resolve("data/lake"));
  }

  @Test
  void theSystemdAndKubernetesCommandsRunToo() throws Exception {
    Matcher systemd =
        Pattern.compile("(?m)^ExecStart=/bin/sh -c '(.*)'$")
            .matcher(String.join("\n", block("ini")));
    assertThat(systemd.find()).isTrue();
    Path unit = Files.createDirectories(home.resolve("systemd"));
    Files.copy(home.resolve("incidents"), unit.resolve("incidents"));
    String command =
        systemd.group(1).replace("%%", "%").replace("/srv/exports", exports.toString());
    Run run = shell(command, unit);
    assertThat(run.exitCode()).as(command + "\n" + run.output()).isZero();
    assertThat(reports(unit.resolve("data/reports"))).isNotEmpty();
    assertPulled(unit);

    Matcher kubernetes =
        Pattern.compile("(?m)^\\s+args: \\['(.*)'\\]$").matcher(String.join("\n", block("yaml")));
    assertThat(kubernetes.find()).isTrue();
    Path pod = Files.createDirectories(home.resolve("pod"));
    Files.copy(home.resolve("incidents"), pod.resolve("incidents"));
    command =
        kubernetes
            .group(1)
            .replace("/exports", exports.toString())
            .replace("/reports/", pod.resolve("out").toString() + "/");
    run = shell(command, pod);
    assertThat(run.exitCode()).as(command + "\n" + run.output()).isZero();
    assertThat(reports(pod.resolve("out"))).isNotEmpty();
    assertPulled(pod);
  }

  @Test
  void theTypicalFlowRuns() throws Exception {
    int typical = readme.indexOf("Typical flow on your own exports:");
    String flow = readme.substring(readme.indexOf("```bash\n", typical) + 8);
    flow = flow.substring(0, flow.indexOf("\n```"));
    Path user = Files.createDirectories(home.resolve("user"));
    Files.copy(home.resolve("incidents"), user.resolve("incidents"));
    for (String line : flow.lines().toList()) {
      String command = line.replace("~/exports", exports.toString());
      Run run = shell(command, user);
      // The generated exports may hold records the ingest rightly quarantines (exit 3).
      assertThat(run.exitCode())
          .as(command + "\n" + run.output())
          .isIn(ExitCode.OK, line.contains(" ingest ") ? ExitCode.PARTIAL : ExitCode.OK);
    }
    assertThat(user.resolve("data/lake/monthly_metrics")).exists();
  }
}
