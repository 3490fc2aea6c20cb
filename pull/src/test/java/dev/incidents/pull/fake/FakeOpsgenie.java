package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written Opsgenie alert API on loopback: {@code query=createdAt>A AND createdAt<B}, {@code
 * sort=createdAt&order=asc}, {@code limit} at most 100, offset+limit above the cap (20,000) answers
 * 422, {@code paging.next} only while there is more; logs and notes page with a string {@code
 * offset}; 429 carries {@code X-RateLimit-Period-In-Sec} or {@code Retry-After}. Alerts are the
 * documented sample, cloned.
 */
public final class FakeOpsgenie extends FakeServer {
  public static final String TOKEN = "eb243592-faa2-4ba2-a551q-1afdf565c889";
  static final Pattern QUERY = Pattern.compile("createdAt>(\\d+) AND createdAt<(\\d+)");

  private final List<ObjectNode> alerts = new ArrayList<>();
  private int offsetCap = 20_000;

  public synchronized void offsetCap(int cap) {
    this.offsetCap = cap;
  }

  public synchronized void sampleAlerts(int count, Instant start, long spacingMillis) {
    ObjectNode sample =
        (ObjectNode)
            read(fixtures().resolve("opsgenie").resolve("list_alerts_response.json"))
                .get("data")
                .get(0);
    for (int i = 0; i < count; i++) {
      ObjectNode alert = sample.deepCopy();
      int number = alerts.size() + 1;
      alert.put("id", String.format("00000000-0000-0000-0000-%012d", number));
      alert.put("tinyId", String.valueOf(number));
      alert.put("alias", "event_" + number);
      Instant at = start.plusMillis(spacingMillis * i);
      alert.put("createdAt", at.toString());
      alert.put("updatedAt", at.plusSeconds(60).toString());
      alert.put("lastOccurredAt", at.toString());
      alerts.add(alert);
    }
  }

  public synchronized List<ObjectNode> alerts() {
    return List.copyOf(alerts);
  }

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    if (!("GenieKey " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Answer(
          401,
          Map.of("message", "Could not authenticate", "took", 0.0, "requestId", "r"),
          Map.of());
    }
    int limit = Integer.parseInt(first(query, "limit", "20"));
    if (limit > 100) {
      return new Answer(
          422, Map.of("message", "limit must be at most 100", "requestId", "r"), Map.of());
    }
    if (path.equals("/v2/alerts")) {
      int offset = Integer.parseInt(first(query, "offset", "0"));
      if (offset + limit > offsetCap) {
        return new Answer(
            422,
            Map.of("message", "Offset + limit must be at most " + offsetCap, "requestId", "r"),
            Map.of());
      }
      if (!"createdAt".equals(first(query, "sort", ""))
          || !"asc".equals(first(query, "order", ""))) {
        return new Answer(
            422,
            Map.of("message", "the fake expects sort=createdAt&order=asc", "requestId", "r"),
            Map.of());
      }
      Matcher matcher = QUERY.matcher(first(query, "query", ""));
      if (!matcher.matches()) {
        return new Answer(
            422,
            Map.of("message", "the fake expects createdAt>A AND createdAt<B", "requestId", "r"),
            Map.of());
      }
      long after = Long.parseLong(matcher.group(1));
      long before = Long.parseLong(matcher.group(2));
      List<ObjectNode> matching =
          alerts.stream()
              .filter(
                  a -> {
                    long at = Instant.parse(a.path("createdAt").asText()).toEpochMilli();
                    return at > after && at < before;
                  })
              .toList();
      ArrayNode data = MAPPER.createArrayNode();
      matching
          .subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + limit))
          .forEach(data::add);
      Map<String, Object> paging = new LinkedHashMap<>();
      if (offset + limit < matching.size()) {
        paging.put(
            "next",
            "https://api.opsgenie.com/v2/alerts?offset=" + (offset + limit) + "&limit=" + limit);
      }
      paging.put("first", "https://api.opsgenie.com/v2/alerts?offset=0&limit=" + limit);
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("data", data);
      page.put("paging", paging);
      page.put("took", 0.01);
      page.put("requestId", "fake-" + offset);
      return Answer.ok(page);
    }
    Matcher child = Pattern.compile("^/v2/alerts/([^/]+)/(logs|notes)$").matcher(path);
    if (child.matches()) {
      String offset = first(query, "offset", "");
      ArrayNode data = MAPPER.createArrayNode();
      Map<String, Object> paging = new LinkedHashMap<>();
      if (offset.isEmpty()) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put(child.group(2).equals("logs") ? "log" : "note", "Alert created");
        entry
            .put("owner", "System")
            .put("createdAt", "2017-03-21T20:32:52.353Z")
            .put("offset", "1490128372353_1490128372353234593");
        if (child.group(2).equals("logs")) {
          entry.put("type", "system");
        }
        data.add(entry);
      }
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("data", data);
      page.put("paging", paging);
      page.put("took", 0.0);
      page.put("requestId", "fake-child");
      return Answer.ok(page);
    }
    return new Answer(404, Map.of("message", "Alert does not exist", "requestId", "r"), Map.of());
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    Map<String, Object> body =
        Map.of("message", "You are making too many requests!", "took", 0.0, "requestId", "r");
    return httpDate
        ? new Answer(429, body, Map.of("Retry-After", httpDate(1, false)))
        : new Answer(
            429, body, Map.of("X-RateLimit-State", "THROTTLED", "X-RateLimit-Period-In-Sec", "1"));
  }
}
