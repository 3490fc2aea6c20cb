package dev.incidents.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
  @Test
  void defaultsArePinned() {
    Config config = Config.defaults();
    assertThat(config.get(ConfigKeys.LAKE_PATH)).isEqualTo("data/lake");
    assertThat(config.getZone(ConfigKeys.REPORT_TIMEZONE).getId()).isEqualTo("UTC");
    assertThat(config.getList(ConfigKeys.POSTMORTEM_SEVERITIES)).containsExactly("SEV1", "SEV2");
    assertThat(config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE)).isEqualTo(Duration.ofHours(48));
    assertThat(config.getDouble(ConfigKeys.TARGET_ACTION_ITEMS_TRACKED)).isEqualTo(0.9);
    assertThat(config.getInt(ConfigKeys.TARGET_ASSEMBLE_SECONDS)).isEqualTo(180);
    assertThat(config.getInt(ConfigKeys.TARGET_LEAD_SECONDS)).isEqualTo(300);
    assertThat(config.getInt(ConfigKeys.TARGET_ALL_ROLES_SECONDS)).isEqualTo(300);
    assertThat(config.getInt(ConfigKeys.TARGET_MITIGATED_SECONDS)).isEqualTo(1800);
    assertThat(config.getDuration(ConfigKeys.ALERT_CORRELATION_BEFORE))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(config.getInt(ConfigKeys.NOISY_MIN_FIRED)).isEqualTo(10);
    assertThat(config.getDouble(ConfigKeys.NOISY_MAX_ACTIONABLE)).isEqualTo(0.10);
    assertThat(config.getInt(ConfigKeys.INTERRUPTION_MERGE_SECONDS)).isEqualTo(60);
    assertThat(config.get(ConfigKeys.BUSINESS_HOURS)).isEqualTo("08:00-18:00");
    assertThat(config.get(ConfigKeys.SLEEP_HOURS)).isEqualTo("22:00-08:00");
    assertThat(config.getInt(ConfigKeys.HERO_WINDOW_DAYS)).isEqualTo(90);
    assertThat(config.getInt(ConfigKeys.HERO_TOP_LEADS)).isEqualTo(3);
    assertThat(config.getInt(ConfigKeys.BOOTSTRAP_RESAMPLES)).isEqualTo(2000);
    assertThat(config.getInt(ConfigKeys.SMALL_SAMPLE_N)).isEqualTo(10);
    assertThat(config.get(ConfigKeys.CHANNEL_PATTERN)).isEqualTo("^inc(?:ident)?-(\\d+)(?:-|$)");
    assertThat(config.get(ConfigKeys.JIRA_PATTERN)).isEqualTo("(?i)^(inc|incident)-(\\d+)$");
    assertThat(config.getBoolean(ConfigKeys.REDACT_SECRETS)).isTrue();
    assertThat(config.get(ConfigKeys.TRANSFORM_ENGINE)).isEqualTo("spark");
    assertThat(config.get(ConfigKeys.SPARK_MASTER)).isEqualTo("local[*]");
    assertThat(config.get(ConfigKeys.LLM_PROVIDER)).isEqualTo("none");
    assertThat(config.getInt(ConfigKeys.LLM_OLLAMA_NUM_CTX)).isEqualTo(8192);
    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(config.layer(key)).as(key.name()).isEqualTo(ConfigLayer.DEFAULT);
    }
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() {
    Config config =
        ConfigResolver.builder()
            .flags(Map.of("report.timezone", "Asia/Tokyo"))
            .environment(
                Map.of(
                    "INCIDENTS_REPORT_TIMEZONE", "Europe/Berlin",
                    "INCIDENTS_POSTMORTEM_DEADLINE", "72h"))
            .fileValues(
                Map.of(
                    "report.timezone", "America/New_York",
                    "postmortem.deadline", "PT24H",
                    "metrics.noisy-min-fired", "20"))
            .resolve();
    assertThat(config.get(ConfigKeys.REPORT_TIMEZONE)).isEqualTo("Asia/Tokyo");
    assertThat(config.layer(ConfigKeys.REPORT_TIMEZONE)).isEqualTo(ConfigLayer.FLAG);
    assertThat(config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE)).isEqualTo(Duration.ofHours(72));
    assertThat(config.layer(ConfigKeys.POSTMORTEM_DEADLINE)).isEqualTo(ConfigLayer.ENVIRONMENT);
    assertThat(config.getInt(ConfigKeys.NOISY_MIN_FIRED)).isEqualTo(20);
    assertThat(config.layer(ConfigKeys.NOISY_MIN_FIRED)).isEqualTo(ConfigLayer.FILE);
    assertThat(config.layer(ConfigKeys.LAKE_PATH)).isEqualTo(ConfigLayer.DEFAULT);
  }

  @Test
  void secretComesFromEnvironmentOnlyAndPrintsMasked() {
    Config config =
        ConfigResolver.builder()
            .environment(Map.of("INCIDENTS_LLM_API_KEY", "sk-live-abcdef123456"))
            .resolve();
    assertThat(config.get(ConfigKeys.LLM_API_KEY)).isEqualTo("sk-live-abcdef123456");
    assertThat(config.describe().get("llm.api-key")).isEqualTo("**** (environment)");
    assertThat(config.toString()).doesNotContain("sk-live-abcdef123456");

    assertThatThrownBy(
            () ->
                ConfigResolver.builder()
                    .environment(Map.of())
                    .fileValues(Map.of("llm.api-key", "sk-in-a-file"))
                    .resolve())
        .hasMessage("llm.api-key is a secret: set it in INCIDENTS_LLM_API_KEY only");
  }

  @Test
  void readsNestedYamlWithListsAndComments(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("incidents.yaml");
    Files.writeString(
        file,
        """
        # incidents configuration
        lake:
          path: /srv/lake   # where the lake lives
        report:
          timezone: "Europe/Berlin"
        postmortem:
          required-severities:
            - SEV1
            - SEV2
            - SEV3
          deadline: 72h
        targets:
          severities: [SEV1, SEV2]
        linking:
          channel-pattern: '^inc-(\\d+)'
        llm:
          provider: ollama
          base-url: http://127.0.0.1:11434
        """);
    Config config =
        ConfigResolver.builder().environment(Map.of()).file(Optional.of(file)).resolve();
    assertThat(config.get(ConfigKeys.LAKE_PATH)).isEqualTo("/srv/lake");
    assertThat(config.get(ConfigKeys.REPORT_TIMEZONE)).isEqualTo("Europe/Berlin");
    assertThat(config.getList(ConfigKeys.POSTMORTEM_SEVERITIES))
        .containsExactly("SEV1", "SEV2", "SEV3");
    assertThat(config.getDuration(ConfigKeys.POSTMORTEM_DEADLINE)).isEqualTo(Duration.ofHours(72));
    assertThat(config.getList(ConfigKeys.TARGET_SEVERITIES)).containsExactly("SEV1", "SEV2");
    assertThat(config.get(ConfigKeys.CHANNEL_PATTERN)).isEqualTo("^inc-(\\d+)");
    assertThat(config.get(ConfigKeys.LLM_BASE_URL)).isEqualTo("http://127.0.0.1:11434");
  }

  @Test
  void rejectsUnknownKeysAndBadValuesWithPreciseMessages(@TempDir Path directory) throws Exception {
    assertThatThrownBy(
            () ->
                ConfigResolver.builder()
                    .environment(Map.of())
                    .fileValues(Map.of("report.timezon", "UTC"))
                    .resolve())
        .hasMessage("Unknown configuration key in file: report.timezon");
    Config config =
        ConfigResolver.builder()
            .environment(Map.of("INCIDENTS_METRICS_NOISY_MIN_FIRED", "ten"))
            .resolve();
    assertThatThrownBy(() -> config.getInt(ConfigKeys.NOISY_MIN_FIRED))
        .hasMessage("Invalid value for metrics.noisy-min-fired: 'ten' is not an integer");
    Path file = directory.resolve("bad.yaml");
    Files.writeString(file, "report:\n  timezone \"UTC\"\n");
    assertThatThrownBy(
            () -> ConfigResolver.builder().environment(Map.of()).file(Optional.of(file)).resolve())
        .hasMessage("Cannot parse " + file + " line 2: expected 'key: value'");
    assertThatThrownBy(
            () ->
                ConfigResolver.builder()
                    .environment(Map.of())
                    .file(Optional.of(directory.resolve("missing.yaml")))
                    .resolve())
        .hasMessageStartingWith("Configuration file not found: ");
  }
}
