package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hand-written Statuspage on loopback: the public {@code /api/v2/incidents.json} answers the 50
 * most recent incidents with the page, no paging; the manage API {@code
 * /v1/pages/{id}/incidents?page&limit} (limit at most 100, {@code Authorization: OAuth …}) answers
 * bare arrays, empty after the last page; 429 carries {@code Retry-After}. Incidents are the GitHub
 * status history samples, cloned.
 */
public final class FakeStatuspage extends FakeServer {
  public static final String TOKEN = "statuspage-oauth-key-5f2b1c";
  public static final String PAGE_ID = "kctbh9vrtdwd";

  private final List<ObjectNode> incidents = new ArrayList<>();
  private ObjectNode page;

  public synchronized void sampleIncidents(int count, Instant start) {
    List<ObjectNode> templates = new ArrayList<>();
    try (Stream<Path> files =
        Files.list(fixtures().resolve("statuspage").resolve("incident-pages"))) {
      for (Path file : files.sorted().toList()) {
        ObjectNode document = (ObjectNode) read(file);
        page = (ObjectNode) document.get("page");
        templates.add((ObjectNode) document.get("incident"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < count; i++) {
      ObjectNode incident = templates.get(i % templates.size()).deepCopy();
      Instant at = start.plusSeconds(86_400L * i);
      incident.put("id", String.format("fake%08d", incidents.size() + 1));
      incident.put("name", "Degraded service " + (incidents.size() + 1));
      incident.put("created_at", at.toString());
      incident.put("updated_at", at.plusSeconds(3600).toString());
      incident.put("started_at", at.toString());
      incident.put("resolved_at", at.plusSeconds(3600).toString());
      incident.put("status", "resolved");
      incident.set("incident_updates", MAPPER.createArrayNode());
      incidents.add(incident);
    }
  }

  public synchronized int count() {
    return incidents.size();
  }

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    List<ObjectNode> newest =
        incidents.stream()
            .sorted(
                Comparator.comparing((ObjectNode i) -> Instant.parse(i.path("created_at").asText()))
                    .reversed())
            .toList();
    if (path.equals("/api/v2/incidents.json")) {
      ArrayNode array = MAPPER.createArrayNode();
      newest.stream().limit(50).forEach(array::add);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("page", page);
      body.put("incidents", array);
      return Answer.ok(body);
    }
    if (path.equals("/v1/pages/" + PAGE_ID + "/incidents")) {
      if (!("OAuth " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        return new Answer(401, Map.of("error", "Could not authenticate"), Map.of());
      }
      int number = Integer.parseInt(first(query, "page", "1"));
      int limit = Integer.parseInt(first(query, "limit", "100"));
      if (limit > 100) {
        return new Answer(400, Map.of("error", "limit must be at most 100"), Map.of());
      }
      ArrayNode array = MAPPER.createArrayNode();
      int from = (number - 1) * limit;
      newest
          .subList(Math.min(from, newest.size()), Math.min(newest.size(), from + limit))
          .forEach(array::add);
      return Answer.ok(array);
    }
    return new Answer(404, Map.of("error", "Not found"), Map.of());
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    return new Answer(420, Map.of("error", "Rate limited"), Map.of("Retry-After", "1"));
  }
}
