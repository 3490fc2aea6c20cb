package dev.incidents.pull.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.incidents.pull.Pages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangelogMergeTest {
  static ArrayNode histories(String... idAndCreated) throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < idAndCreated.length; i += 2) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\":\"")
          .append(idAndCreated[i])
          .append("\",\"created\":\"")
          .append(idAndCreated[i + 1])
          .append("\",\"items\":[{\"field\":\"status\",\"toString\":\"S")
          .append(idAndCreated[i])
          .append("\"}]}");
    }
    return (ArrayNode) Pages.MAPPER.readTree(json.append("]").toString());
  }

  @Test
  void aTruncatedEmbeddedChangelogAndTheFetchedPagesGiveEveryHistoryOnceOldestFirst()
      throws Exception {
    // embedded: the newest two, one of them (103) added after the changelog pages were fetched
    ArrayNode embedded =
        histories("103", "2025-03-01T10:00:00.000-0800", "102", "2025-02-01T10:00:00.000-0800");
    ArrayNode fetched =
        histories(
            "100", "2025-01-01T10:00:00.000+0000",
            "101", "2025-01-15T10:00:00.000+0100",
            "102", "2025-02-01T10:00:00.000-0800");
    ArrayNode merged = JiraCollector.merge(embedded, fetched);
    List<String> ids = new ArrayList<>();
    for (JsonNode history : merged) {
      ids.add(history.path("id").asText());
    }
    assertThat(ids).containsExactly("100", "101", "102", "103");
  }
}
