package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hand-written incident.io v2 on loopback: {@code page_size} at most 250 (50 for incident alerts,
 * 422 above), {@code after} cursors answered through {@code pagination_meta.after} (absent on the
 * last page), {@code updated_at[gte]} by UTC day, {@code GET /v2/incidents/{id}} as {@code
 * {"incident":{…}}}, alert attributions, and without {@code mode[one_of]} only standard and
 * retrospective incidents, as the API defaults. A 429 carries {@code rate_limit.retry_after} as an
 * HTTP-date in the body ("… UTC"), or a {@code Retry-After} header in seconds. Records are the real
 * singer-tap samples, cloned, or a generated organisation's exports.
 */
public final class FakeIncidentIo extends FakeServer {
  public static final String TOKEN = "inc-test-key-0123456789abcdef";

  private final List<ObjectNode> incidents = new ArrayList<>();
  private final Map<String, List<ObjectNode>> updates = new HashMap<>();
  private final Map<String, List<ObjectNode>> followUps = new HashMap<>();
  private final Map<String, List<ObjectNode>> attributions = new HashMap<>();
  private boolean repeatCursor;

  /** Misbehaves: every page answers the same cursor. */
  public synchronized void repeatCursor(boolean on) {
    this.repeatCursor = on;
  }

  public synchronized void sampleIncidents(int count, Instant start, String mode) {
    Path dir = samples().resolve("incidentio").resolve("singer-tap_testdata_sync");
    ObjectNode incident = (ObjectNode) read(dir.resolve("incidents.json")).get(0);
    ObjectNode update = (ObjectNode) read(dir.resolve("incident_updates.json")).get(0);
    ObjectNode followUp = (ObjectNode) read(dir.resolve("follow_ups.json")).get(0);
    for (int i = 0; i < count; i++) {
      int number = incidents.size() + 1;
      String id = String.format("01FAKE%020d", number);
      Instant at = start.plusSeconds(3600L * i);
      ObjectNode clone = incident.deepCopy();
      clone.put("id", id);
      clone.put("reference", "INC-" + number);
      clone.put("name", "Sample incident " + number);
      clone.put("mode", mode);
      clone.put("created_at", at.toString());
      clone.put("updated_at", at.plusSeconds(600).toString());
      clone.remove("slack_channel_id");
      clone.remove("slack_channel_name");
      // closed, so that only the incidents a test opens are followed by id until they resolve
      ObjectNode status = ((ObjectNode) clone.path("incident_status")).deepCopy();
      status.put("category", "closed").put("name", "Closed");
      clone.set("incident_status", status);
      incidents.add(clone);
      ObjectNode u = update.deepCopy();
      u.put("id", id + "-U1");
      u.put("incident_id", id);
      u.put("created_at", at.plusSeconds(60).toString());
      updates.computeIfAbsent(id, k -> new ArrayList<>()).add(u);
      ObjectNode f = followUp.deepCopy();
      f.put("id", id + "-F1");
      f.put("incident_id", id);
      f.put("created_at", at.plusSeconds(120).toString());
      f.put("updated_at", at.plusSeconds(120).toString());
      followUps.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
    }
  }

  /** Serves a generated organisation's incident.io exports. */
  public synchronized void exports(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        JsonNode page = read(file);
        page.path("incidents").forEach(i -> incidents.add((ObjectNode) i));
        page.path("incident_updates").forEach(u -> group(updates, u));
        page.path("follow_ups").forEach(f -> group(followUps, f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void group(Map<String, List<ObjectNode>> map, JsonNode record) {
    map.computeIfAbsent(record.path("incident_id").asText(), k -> new ArrayList<>())
        .add((ObjectNode) record);
  }

  public synchronized List<ObjectNode> incidents() {
    return List.copyOf(incidents);
  }

  public synchronized int updateCount() {
    return updates.values().stream().mapToInt(List::size).sum();
  }

  /**
   * An alert attribution of {@code incident}: the real sample alert, cloned, as {@code GET
   * /v2/incident_alerts} returns it ({@code {id, alert, incident:{id, name, reference}}}).
   */
  public synchronized ObjectNode attributeAlert(String incident, String alertId, Instant firedAt) {
    ObjectNode sample =
        (ObjectNode)
            read(samples().resolve("incidentio").resolve("singer-tap_testdata_sync/alerts.json"))
                .get(0);
    ObjectNode alert = sample.deepCopy();
    alert.put("id", alertId);
    alert.put("deduplication_key", alertId + "-key");
    alert.put("created_at", firedAt.toString());
    ObjectNode slim = MAPPER.createObjectNode().put("id", incident);
    incidents.stream()
        .filter(i -> i.path("id").asText().equals(incident))
        .findFirst()
        .ifPresent(
            i ->
                slim.put("name", i.path("name").asText())
                    .put("reference", i.path("reference").asText()));
    ObjectNode attribution = MAPPER.createObjectNode().put("id", alertId + "-IA");
    attribution.set("alert", alert);
    attribution.set("incident", slim);
    attributions.computeIfAbsent(incident, k -> new ArrayList<>()).add(attribution);
    return attribution;
  }

  /** Moves an incident to a status category (live, learning, closed, …). */
  public synchronized void setCategory(String id, String category, Instant updatedAt) {
    ObjectNode incident =
        incidents.stream().filter(i -> i.path("id").asText().equals(id)).findFirst().orElseThrow();
    ObjectNode status = ((ObjectNode) incident.path("incident_status")).deepCopy();
    status.put("category", category);
    status.put("name", category.substring(0, 1).toUpperCase() + category.substring(1));
    incident.set("incident_status", status);
    incident.put("updated_at", updatedAt.toString());
  }

  public synchronized int followUpCount() {
    return followUps.values().stream().mapToInt(List::size).sum();
  }

  /** A new update on an incident, which moves its updated_at. */
  public synchronized void addUpdate(String id, String message, Instant at) {
    ObjectNode u = updates.get(id).get(0).deepCopy();
    u.put("id", id + "-U" + at.getEpochSecond());
    u.put("message", message);
    u.put("created_at", at.toString());
    updates.get(id).add(u);
    incidents.stream()
        .filter(i -> i.path("id").asText().equals(id))
        .forEach(i -> i.put("updated_at", at.toString()));
  }

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Answer(401, Map.of("type", "authentication_error", "status", 401), Map.of());
    }
    int pageSize = Integer.parseInt(first(query, "page_size", "25"));
    String after = first(query, "after", null);
    if (path.startsWith("/v2/incidents/")) {
      String id = path.substring("/v2/incidents/".length());
      return incidents.stream()
          .filter(i -> i.path("id").asText().equals(id))
          .findFirst()
          .map(i -> Answer.ok(Map.of("incident", i)))
          .orElseGet(() -> new Answer(404, Map.of("type", "not_found", "status", 404), Map.of()));
    }
    return switch (path) {
      case "/v2/incidents" -> {
        if (pageSize > 250) {
          yield validation("page_size", "The maximum page size that can be requested is 250");
        }
        List<String> modes =
            query.getOrDefault("mode[one_of]", List.of("standard", "retrospective"));
        String gte = first(query, "updated_at[gte]", null);
        Instant from =
            gte == null
                ? Instant.EPOCH
                : LocalDate.parse(gte).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ObjectNode> matching =
            incidents.stream()
                .filter(i -> modes.contains(i.path("mode").asText()))
                .filter(i -> !Instant.parse(i.path("updated_at").asText()).isBefore(from))
                .toList();
        yield Answer.ok(cursorPage("incidents", matching, pageSize, after, true));
      }
      case "/v2/incident_updates" ->
          Answer.ok(
              cursorPage(
                  "incident_updates",
                  updates.getOrDefault(first(query, "incident_id", ""), List.of()),
                  pageSize,
                  after,
                  false));
      case "/v2/follow_ups" -> {
        ArrayNode array = MAPPER.createArrayNode();
        followUps.getOrDefault(first(query, "incident_id", ""), List.of()).forEach(array::add);
        yield Answer.ok(Map.of("follow_ups", array));
      }
      case "/v2/incident_alerts" -> {
        if (pageSize > 50) {
          yield validation("page_size", "The maximum page size that can be requested is 50");
        }
        yield Answer.ok(
            cursorPage(
                "incident_alerts",
                attributions.getOrDefault(first(query, "incident_id", ""), List.of()),
                pageSize,
                after,
                false));
      }
      default -> new Answer(404, Map.of("type", "not_found", "status", 404), Map.of());
    };
  }

  private Map<String, Object> cursorPage(
      String field, List<ObjectNode> records, int pageSize, String after, boolean withTotal) {
    int start = 0;
    if (after != null) {
      start = -1;
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).path("id").asText().equals(after)) {
          start = i + 1;
        }
      }
      if (start < 0) {
        start = records.size();
      }
    }
    List<ObjectNode> slice =
        records.subList(
            Math.min(start, records.size()), Math.min(records.size(), start + pageSize));
    ArrayNode array = MAPPER.createArrayNode();
    slice.forEach(array::add);
    Map<String, Object> meta = new LinkedHashMap<>();
    boolean more = start + pageSize < records.size();
    if (repeatCursor && !slice.isEmpty()) {
      meta.put("after", records.get(0).path("id").asText());
    } else if (more) {
      meta.put("after", slice.get(slice.size() - 1).path("id").asText());
    }
    meta.put("page_size", pageSize);
    if (withTotal) {
      meta.put("total_record_count", records.size());
    }
    Map<String, Object> page = new LinkedHashMap<>();
    page.put(field, array);
    page.put("pagination_meta", meta);
    return page;
  }

  private static Answer validation(String field, String message) {
    return new Answer(
        422,
        Map.of(
            "type",
            "validation_error",
            "status",
            422,
            "errors",
            List.of(
                Map.of(
                    "code",
                    "invalid_value",
                    "message",
                    message,
                    "source",
                    Map.of("field", field)))),
        Map.of());
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    if (httpDate) {
      return new Answer(
          429,
          Map.of(
              "type",
              "rate_limit_exceeded",
              "status",
              429,
              "rate_limit",
              Map.of(
                  "name",
                  "api_key",
                  "limit",
                  1200,
                  "remaining",
                  0,
                  "retry_after",
                  httpDate(1, true))),
          Map.of());
    }
    return new Answer(
        429, Map.of("type", "rate_limit_exceeded", "status", 429), Map.of("Retry-After", "1"));
  }
}
