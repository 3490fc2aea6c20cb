package dev.incidents.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {
  static Config config(Map<String, String> environment) {
    return ConfigResolver.builder().environment(environment).resolve();
  }

  @Test
  void theDefaultIsTheVendorsPublicApiAndNothingIsConfigured() {
    Config config = config(Map.of());
    assertThat(SourceSettings.from(config, PullSource.PAGERDUTY).baseUrl())
        .hasToString("https://api.pagerduty.com");
    assertThat(SourceSettings.from(config, PullSource.INCIDENTIO).baseUrl())
        .hasToString("https://api.incident.io");
    assertThat(PullJob.configuredSources(config)).isEmpty();
  }

  @Test
  void plainHttpIsRefusedUnlessTheHostIsLoopback() {
    assertThatThrownBy(
            () ->
                SourceSettings.from(
                    config(Map.of("INCIDENTS_SOURCES_PAGERDUTY_BASE_URL", "http://example.com")),
                    PullSource.PAGERDUTY))
        .isInstanceOf(PullException.class)
        .hasMessage(
            "Refusing sources.pagerduty.base-url 'http://example.com': http:// is allowed for a"
                + " loopback host only; use https://");
    assertThat(
            SourceSettings.from(
                    config(
                        Map.of("INCIDENTS_SOURCES_PAGERDUTY_BASE_URL", "http://127.0.0.1:8080/")),
                    PullSource.PAGERDUTY)
                .baseUrl())
        .hasToString("http://127.0.0.1:8080");
  }

  @Test
  void theTokenComesFromTheEnvironmentOnlyAndPrintsAsStars() {
    Config config = config(Map.of("INCIDENTS_SOURCES_PAGERDUTY_TOKEN", "secret-token-value"));
    SourceSettings settings = SourceSettings.from(config, PullSource.PAGERDUTY);
    assertThat(settings.toString()).doesNotContain("secret-token-value").contains("token=****");
    assertThat(config.describe().get("sources.pagerduty.token")).isEqualTo("**** (environment)");
    assertThat(PullJob.configuredSources(config)).containsExactly(PullSource.PAGERDUTY);
    assertThatThrownBy(
            () ->
                ConfigResolver.builder()
                    .environment(Map.of())
                    .fileValues(Map.of("sources.pagerduty.token", "x"))
                    .resolve())
        .hasMessage(
            "sources.pagerduty.token is a secret: set it in INCIDENTS_SOURCES_PAGERDUTY_TOKEN only");
  }

  @Test
  void aMissingTokenNamesTheVariable() {
    assertThatThrownBy(
            () -> SourceSettings.from(config(Map.of()), PullSource.INCIDENTIO).requireToken())
        .hasMessage("No token for incidentio: set INCIDENTS_SOURCES_INCIDENTIO_TOKEN");
  }
}
