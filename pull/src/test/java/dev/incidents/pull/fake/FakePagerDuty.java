package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hand-written PagerDuty REST v2 on loopback, behaving as the API documents: {@code since} and
 * {@code until} filter on creation time and span at most 6 months, {@code limit} at most 100,
 * {@code total} is null unless {@code total=true}, offset+limit above the cap (10,000) answers HTTP
 * 400 code 2002, {@code GET /incidents/{id}} answers {@code {"incident":{…}}} (404 for an unknown
 * id), and 429 carries {@code ratelimit-reset} seconds or a {@code Retry-After} HTTP-date. Records
 * are the real sample payloads, cloned, or a generated organisation's exports.
 */
public final class FakePagerDuty extends FakeServer {
  public static final String TOKEN = "pd-test-token-u+1234567890";

  private final List<ObjectNode> incidents = new ArrayList<>();
  private final Map<String, List<ObjectNode>> logEntries = new HashMap<>();
  private final Map<String, List<ObjectNode>> alerts = new HashMap<>();
  private final Map<String, List<ObjectNode>> notes = new HashMap<>();
  private int offsetCap = 10_000;
  private boolean emptyPageWithMore;

  public synchronized void offsetCap(int cap) {
    this.offsetCap = cap;
  }

  /** Misbehaves: the second page of incidents is empty but says more=true. */
  public synchronized void emptyPageWithMore(boolean on) {
    this.emptyPageWithMore = on;
  }

  /**
   * {@code count} incidents cloned from the samples, one per {@code spacing}, from {@code start}.
   */
  public synchronized void sampleIncidents(
      int count, Instant start, Duration spacing, int childrenEach) {
    Path dir = fixtures().resolve("pagerduty");
    ObjectNode incident =
        (ObjectNode) read(dir.resolve("incidents_list.example.json")).get("incidents").get(0);
    ObjectNode entry =
        (ObjectNode)
            read(dir.resolve("incident_log_entries.example.json")).get("log_entries").get(0);
    ObjectNode alert =
        (ObjectNode) read(dir.resolve("incident_alerts.example.json")).get("alerts").get(0);
    ObjectNode note =
        (ObjectNode) read(dir.resolve("incident_notes.example.json")).get("notes").get(0);
    for (int i = 0; i < count; i++) {
      String id = String.format("Q%06d", incidents.size() + 1);
      Instant created = start.plus(spacing.multipliedBy(i));
      ObjectNode clone = incident.deepCopy();
      clone.put("id", id);
      // numbers far from incident.io's, so the ingest never merges the two tools' samples
      clone.put("incident_number", 50_000 + incidents.size() + 1);
      clone.put("title", "Sample incident " + id);
      clone.put("created_at", created.toString());
      clone.put("status", "resolved");
      clone.put("resolved_at", created.plusSeconds(1800).toString());
      incidents.add(clone);
      for (int c = 0; c < childrenEach; c++) {
        ObjectNode log = entry.deepCopy();
        log.put("id", id + "L" + c);
        log.put("created_at", created.plusSeconds(c).toString());
        ((ObjectNode) log.get("incident")).put("id", id);
        logEntries.computeIfAbsent(id, k -> new ArrayList<>()).add(log);
        ObjectNode a = alert.deepCopy();
        a.put("id", id + "A" + c);
        a.put("alert_key", id + "-key-" + c);
        a.put("created_at", created.plusSeconds(c).toString());
        ((ObjectNode) a.get("incident")).put("id", id);
        alerts.computeIfAbsent(id, k -> new ArrayList<>()).add(a);
        ObjectNode n = note.deepCopy();
        n.put("id", id + "N" + c);
        notes.computeIfAbsent(id, k -> new ArrayList<>()).add(n);
      }
    }
  }

  /** Serves a generated organisation's PagerDuty exports. */
  public synchronized void exports(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        JsonNode page = read(file);
        add(page.path("incidents"), null);
        add(page.path("log_entries"), logEntries);
        add(page.path("alerts"), alerts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(JsonNode array, Map<String, List<ObjectNode>> byIncident) {
    for (JsonNode record : array) {
      if (byIncident == null) {
        incidents.add((ObjectNode) record);
      } else {
        byIncident
            .computeIfAbsent(record.path("incident").path("id").asText(), k -> new ArrayList<>())
            .add((ObjectNode) record);
      }
    }
  }

  public synchronized void setStatus(String id, String status, Instant at) {
    ObjectNode incident = incident(id);
    incident.put("status", status);
    if (status.equals("resolved")) {
      incident.put("resolved_at", at.toString());
      ObjectNode entry = logEntries.get(id).get(0).deepCopy();
      entry.put("id", id + "R");
      entry.put("type", "resolve_log_entry");
      entry.put("created_at", at.toString());
      logEntries.get(id).add(entry);
    } else {
      incident.remove("resolved_at");
    }
  }

  /** A note, and the annotate log entry PagerDuty records with it. */
  public synchronized void addNote(String id, String text, Instant at) {
    ObjectNode entry = logEntries.get(id).get(0).deepCopy();
    entry.put("id", id + "NOTE" + at.getEpochSecond());
    entry.put("type", "annotate_log_entry");
    entry.put("channel", MAPPER.createObjectNode().put("type", "note").put("summary", text));
    entry.put("created_at", at.toString());
    logEntries.get(id).add(entry);
    ObjectNode note = MAPPER.createObjectNode().put("id", id + "N" + at.getEpochSecond());
    note.put("content", text).put("created_at", at.toString());
    notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
  }

  public synchronized ObjectNode incident(String id) {
    return incidents.stream()
        .filter(i -> i.path("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  public synchronized List<ObjectNode> incidents() {
    return List.copyOf(incidents);
  }

  public synchronized int logEntryCount() {
    return logEntries.values().stream().mapToInt(List::size).sum();
  }

  public synchronized int alertCount() {
    return alerts.values().stream().mapToInt(List::size).sum();
  }

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Token token=" + TOKEN).equals(auth)) {
      return new Answer(401, error(2006, "Invalid Credentials"), Map.of());
    }
    if (!"application/vnd.pagerduty+json;version=2"
        .equals(exchange.getRequestHeaders().getFirst("Accept"))) {
      return new Answer(400, error(2001, "Invalid Input Provided: Accept"), Map.of());
    }
    int limit = Integer.parseInt(first(query, "limit", "25"));
    int offset = Integer.parseInt(first(query, "offset", "0"));
    if (limit > 100) {
      return new Answer(400, error(2001, "limit: Maximum of 100"), Map.of());
    }
    if (path.equals("/incidents")) {
      if (offset + limit > offsetCap) {
        return new Answer(
            400,
            Map.of(
                "error",
                Map.of(
                    "message",
                    "Arguments Caused Error",
                    "code",
                    2002,
                    "errors",
                    List.of(
                        "Offset+limit exceeds maximum allowed value of "
                            + offsetCap
                            + ". Please try to refine your search to reduce the number of"
                            + " results."))),
            Map.of());
      }
      if (!"UTC".equals(first(query, "time_zone", ""))) {
        return new Answer(400, error(2001, "the fake expects time_zone=UTC"), Map.of());
      }
      Instant since = Instant.parse(first(query, "since", ""));
      Instant until = Instant.parse(first(query, "until", ""));
      if (Duration.between(since, until).compareTo(Duration.ofDays(184)) > 0) {
        return new Answer(400, error(2001, "since/until: Maximum range is 6 months"), Map.of());
      }
      List<ObjectNode> matching =
          incidents.stream()
              .filter(
                  i -> {
                    Instant created = Instant.parse(i.path("created_at").asText());
                    return !created.isBefore(since) && created.isBefore(until);
                  })
              .sorted(Comparator.comparing(i -> Instant.parse(i.path("created_at").asText())))
              .toList();
      boolean total = "true".equals(first(query, "total", "false"));
      if (emptyPageWithMore && offset > 0) {
        return Answer.ok(
            page("incidents", List.of(), limit, offset, true, total ? matching.size() : null));
      }
      return Answer.ok(pageOf("incidents", matching, limit, offset, total));
    }
    String[] parts = path.split("/");
    if (parts.length == 3 && parts[1].equals("incidents")) {
      // GET /incidents/{id}: the single-object envelope
      return incidents.stream()
          .filter(i -> i.path("id").asText().equals(parts[2]))
          .findFirst()
          .map(i -> Answer.ok(Map.of("incident", i)))
          .orElseGet(() -> new Answer(404, error(2100, "Not Found"), Map.of()));
    }
    if (parts.length == 4 && parts[1].equals("incidents")) {
      String id = parts[2];
      if (incidents.stream().noneMatch(i -> i.path("id").asText().equals(id))) {
        return new Answer(404, error(2100, "Not Found"), Map.of());
      }
      return switch (parts[3]) {
        case "log_entries" -> {
          if (!"false".equals(first(query, "is_overview", ""))) {
            yield new Answer(400, error(2001, "the fake expects is_overview=false"), Map.of());
          }
          yield Answer.ok(
              pageOf("log_entries", logEntries.getOrDefault(id, List.of()), limit, offset, false));
        }
        case "alerts" ->
            Answer.ok(pageOf("alerts", alerts.getOrDefault(id, List.of()), limit, offset, false));
        case "notes" -> Answer.ok(Map.of("notes", notes.getOrDefault(id, List.of())));
        default -> new Answer(404, error(2100, "Not Found"), Map.of());
      };
    }
    return new Answer(404, error(2100, "Not Found"), Map.of());
  }

  private static Map<String, Object> pageOf(
      String field, List<ObjectNode> records, int limit, int offset, boolean total) {
    List<ObjectNode> slice =
        records.subList(Math.min(offset, records.size()), Math.min(records.size(), offset + limit));
    return page(
        field,
        slice,
        limit,
        offset,
        offset + limit < records.size(),
        total ? records.size() : null);
  }

  private static Map<String, Object> page(
      String field, List<ObjectNode> slice, int limit, int offset, boolean more, Integer total) {
    Map<String, Object> page = new LinkedHashMap<>();
    ArrayNode array = MAPPER.createArrayNode();
    slice.forEach(array::add);
    page.put(field, array);
    page.put("limit", limit);
    page.put("offset", offset);
    page.put("more", more);
    page.put("total", total);
    return page;
  }

  private static Map<String, Object> error(int code, String message) {
    return Map.of("error", Map.of("message", message, "code", code));
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    Map<String, Object> body = error(2020, "Rate limit exceeded");
    return httpDate
        ? new Answer(429, body, Map.of("Retry-After", httpDate(1, false)))
        : new Answer(429, body, Map.of("ratelimit-reset", "2", "ratelimit-remaining", "0"));
  }
}
