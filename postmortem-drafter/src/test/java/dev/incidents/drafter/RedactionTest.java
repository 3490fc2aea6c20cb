package dev.incidents.drafter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.core.config.Config;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redaction over a real Slack export (the hfaran test archive of the shared samples, or of {@code
 * incidents.samples.dir} when set): every person's name from its users.json is gone from what would
 * be sent, and restored afterwards.
 */
class RedactionTest {
  @TempDir Path directory;

  static Path samples() {
    String samplesDir = System.getProperty("incidents.samples.dir");
    if (samplesDir != null) {
      return Path.of(samplesDir);
    }
    Path samples = Path.of("../testdata/samples").toAbsolutePath().normalize();
    assertThat(samples).as("the repository's samples").isDirectory();
    return samples;
  }

  @Test
  void noNameOfTheSlackSampleReachesTheRequest() throws Exception {
    Path export = samples().resolve("slack/hfaran_testarchive/extracted");
    Lake lake = new Lake(directory.resolve("lake"));
    new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(export), bytes -> {});
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode user :
        new ObjectMapper().readTree(Files.readString(export.resolve("users.json")))) {
      if (user.path("is_bot").asBoolean(false)) {
        continue;
      }
      for (String field : List.of("real_name", "profile.real_name", "profile.display_name")) {
        JsonNode node = user;
        for (String part : field.split("\\.")) {
          node = node.path(part);
        }
        if (node.isTextual() && node.asText().length() >= 3) {
          names.add(node.asText());
        }
      }
    }
    assertThat(names).contains("Harry Potter", "Hermione Granger", "Hamza Faran");
    try (Connection connection = LakeViews.open(lake);
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                "SELECT coalesce(author_name, '') || ': ' || text FROM chat_messages ORDER BY message_id")) {
      LlmRedactor redactor = Drafter.redactor(connection);
      List<String> texts = new ArrayList<>();
      while (result.next()) {
        texts.add(result.getString(1));
      }
      assertThat(texts).isNotEmpty();
      String request = redactor.redact(String.join("\n", texts));
      assertThat(request)
          .as("the timeline lines name their authors")
          .isNotEqualTo(String.join("\n", texts));
      for (String name : names) {
        for (String form : List.of(name, name.split(" ")[0])) {
          if (form.length() >= 3) {
            assertThat(request)
                .as("no '" + form + "' in the request")
                .doesNotContainPattern(
                    Pattern.compile(
                        "(?<![\\p{L}\\p{N}_])" + Pattern.quote(form) + "(?![\\p{L}\\p{N}_])",
                        Pattern.CASE_INSENSITIVE));
          }
        }
      }
      assertThat(redactor.restore(redactor.redact("Hamza Faran rolled back")))
          .isEqualTo("Hamza Faran rolled back");
      assertThat(redactor.redact("hamza rolled back"))
          .isEqualTo("[PERSON-" + (1 + redactor.people().indexOf("Hamza Faran")) + "] rolled back");
    }
  }

  @Test
  void displayNamesFromPersonIdentitiesAreRedactedToo() throws Exception {
    Path export = samples().resolve("slack/hfaran_testarchive/extracted");
    Lake lake = new Lake(directory.resolve("lake"));
    new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(export), bytes -> {});
    try (Connection connection = LakeViews.open(lake);
        var statement = connection.createStatement()) {
      // The derived table as the transform stores it (this lake was not transformed): display
      // names that only it knows.
      statement.execute(
          "CREATE OR REPLACE VIEW person_identities AS SELECT * FROM (VALUES ('Harry Potter', 'abilinski'), ('Hermione Granger', 'doubledeez')) t(name, display_name)");
      LlmRedactor redactor = Drafter.redactor(connection);
      assertThat(redactor.redact("abilinski pinged DoubleDeez about checkout"))
          .doesNotContainIgnoringCase("abilinski")
          .doesNotContainIgnoringCase("doubledeez")
          .contains("checkout");
    }
  }
}
