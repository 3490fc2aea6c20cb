package dev.incidents.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/metrics.md is generated from the SQL headers and the anchors; it must not go stale. */
class MetricDocsTest {
  @Test
  void docsMetricsMdMatchesTheDefinitionsInTheCode() throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve("docs/metrics.md");
    String generated = MetricDocs.generate();
    if (Boolean.getBoolean("incidents.docs.update")) {
      Files.writeString(file, generated);
    }
    assertThat(file).exists();
    assertThat(Files.readString(file))
        .as(
            "docs/metrics.md is stale: run mvn -pl transform test -Dtest=MetricDocsTest -Dincidents.docs.update=true")
        .isEqualTo(generated);
    assertThat(generated)
        .contains("### incident_facts (table `incident_facts`)")
        .contains("percentile_cont")
        .doesNotContain("${");
  }
}
