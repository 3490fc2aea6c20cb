package dev.incidents.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report queries' part of docs/metrics.md is generated from their headers; never stale. */
class ReportDocsTest {
  @Test
  void docsMetricsMdDocumentsEveryReportQuery() throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve("docs/metrics.md");
    String committed = Files.readString(file);
    int start = committed.indexOf(ReportDocs.MARKER);
    String generated = ReportDocs.generate();
    if (Boolean.getBoolean("incidents.docs.update")) {
      Files.writeString(file, (start < 0 ? committed : committed.substring(0, start)) + generated);
      committed = Files.readString(file);
      start = committed.indexOf(ReportDocs.MARKER);
    }
    assertThat(start)
        .as(
            "docs/metrics.md has no report queries: run mvn -pl reports test -Dtest=ReportDocsTest"
                + " -Dincidents.docs.update=true")
        .isGreaterThan(0);
    assertThat(committed.substring(start)).isEqualTo(generated);
    for (ReportQuery query : ReportQuery.values()) {
      assertThat(query.header())
          .as(query.file())
          .startsWith(query.file().replace(".sql", "") + ": ");
      assertThat(generated).contains("File: `report/" + query.file() + "`");
      assertThat(query.statement()).as(query.file()).doesNotContain("${");
    }
  }
}
