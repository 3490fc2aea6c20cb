package dev.incidents.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident channels read like real incident chat. */
class SlackChatTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir static Path directory;
  static Map<String, List<JsonNode>> channels = new HashMap<>();

  @BeforeAll
  static void generated() throws Exception {
    Path out = directory.resolve("small");
    Generator.generate(
        new Generator.Options(OrgSize.SMALL, 2, 1, out, YearMonth.of(2026, 9)), tool -> {});
    try (Stream<Path> walk = Files.walk(out.resolve("slack"))) {
      for (Path file :
          walk.filter(f -> f.getParent().getFileName().toString().startsWith("inc-"))
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .toList()) {
        for (JsonNode message : MAPPER.readTree(file.toFile())) {
          channels
              .computeIfAbsent(file.getParent().getFileName().toString(), c -> new ArrayList<>())
              .add(message);
        }
      }
    }
    assertThat(channels).isNotEmpty();
  }

  @Test
  void noTextRepeatsMoreThanThreeTimesInAChannel() {
    for (Map.Entry<String, List<JsonNode>> channel : channels.entrySet()) {
      Map<String, Integer> counts = new HashMap<>();
      for (JsonNode message : channel.getValue()) {
        if (!message.has("subtype")) {
          counts.merge(message.path("text").asText(), 1, Integer::sum);
        }
      }
      counts.forEach(
          (text, count) ->
              assertThat(count).as(channel.getKey() + ": \"" + text + "\"").isLessThanOrEqualTo(3));
    }
  }

  @Test
  void everyIncidentHasAPinnedRootCauseThreadWithReactionsAndBotPosts() {
    for (Map.Entry<String, List<JsonNode>> channel : channels.entrySet()) {
      List<JsonNode> pinned = channel.getValue().stream().filter(m -> m.has("pinned_to")).toList();
      assertThat(pinned).as(channel.getKey() + " has a pinned finding").isNotEmpty();
      JsonNode root = pinned.get(0);
      assertThat(root.path("text").asText())
          .as(channel.getKey())
          .containsPattern("^(found it|root cause)");
      assertThat(root.path("reply_count").asInt()).as(channel.getKey()).isGreaterThanOrEqualTo(4);
      assertThat(root.path("reactions").findValuesAsText("name")).contains("pushpin", "eyes");
      assertThat(
              channel.getValue().stream()
                  .anyMatch(m -> m.path("text").asText().startsWith("decision: ")))
          .as(channel.getKey() + " records a decision")
          .isTrue();
      assertThat(channel.getValue().stream().anyMatch(m -> m.has("bot_id")))
          .as(channel.getKey() + " has bot posts")
          .isTrue();
    }
  }
}
