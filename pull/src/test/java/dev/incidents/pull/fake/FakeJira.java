package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written Jira Cloud REST v3 on loopback: {@code /rest/api/3/search} answers 410 Gone;
 * {@code /rest/api/3/search/jql} pages with {@code nextPageToken} and {@code isLast}, returns only
 * {@code id} without an explicit {@code fields} list, filters {@code updated >= <epoch millis>},
 * and truncates each embedded changelog to {@link #EMBEDDED_HISTORIES}; {@code
 * /rest/api/3/issue/{key}/changelog} pages the full history. Issues are the go-jira sample, cloned.
 */
public final class FakeJira extends FakeServer {
  public static final String EMAIL = "bot@example.com";
  public static final String TOKEN = "jira-api-token-ATATT3xFfGF0";
  public static final int EMBEDDED_HISTORIES = 2;
  static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final List<ObjectNode> issues = new ArrayList<>();
  private final Map<String, List<ObjectNode>> histories = new LinkedHashMap<>();
  private int pageSize = 50;

  public synchronized void pageSize(int size) {
    this.pageSize = size;
  }

  public synchronized void sampleIssues(int count, Instant start, int historiesEach) {
    ObjectNode sample =
        (ObjectNode)
            read(samples().resolve("jira").resolve("go-jira__issues_in_sprint_with_changelog.json"))
                .get("issues")
                .get(0);
    ObjectNode history = (ObjectNode) sample.path("changelog").path("histories").get(0);
    for (int i = 0; i < count; i++) {
      String key = "OPS-" + (issues.size() + 1);
      Instant at = start.plusSeconds(3600L * i);
      ObjectNode issue = sample.deepCopy();
      issue.put("id", String.valueOf(20_000 + issues.size()));
      issue.put("key", key);
      issue.remove("changelog");
      ObjectNode fields = (ObjectNode) issue.get("fields");
      fields.put("summary", "Follow-up " + key);
      fields.put("created", time(at));
      fields.put("updated", time(at.plusSeconds(60)));
      fields.putNull("resolutiondate");
      fields.putNull("resolution");
      fields.set("labels", MAPPER.createArrayNode().add("follow-up"));
      fields.set("status", status("To Do", "new"));
      issues.add(issue);
      List<ObjectNode> list = new ArrayList<>();
      for (int h = 0; h < historiesEach; h++) {
        ObjectNode entry = history.deepCopy();
        entry.put("id", key + "-H" + h);
        entry.put("created", time(at.plusSeconds(h)));
        list.add(entry);
      }
      histories.put(key, list);
    }
  }

  /** Serves a generated organisation's Jira search responses ({@code search-*.json}). */
  public synchronized void exports(Path folder) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("search-")).sorted().toList()) {
        for (com.fasterxml.jackson.databind.JsonNode node : read(file).path("issues")) {
          ObjectNode issue = ((ObjectNode) node).deepCopy();
          List<ObjectNode> list = new ArrayList<>();
          issue.path("changelog").path("histories").forEach(h -> list.add((ObjectNode) h));
          issue.remove("changelog");
          issues.add(issue);
          histories.put(issue.path("key").asText(), list);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The issue is done: status category done, resolved, updated now. */
  public synchronized void done(String key, Instant at) {
    ObjectNode fields = (ObjectNode) issue(key).get("fields");
    fields.set("status", status("Done", "done"));
    fields.set("resolution", MAPPER.createObjectNode().put("name", "Done"));
    fields.put("resolutiondate", time(at));
    fields.put("updated", time(at));
  }

  public synchronized ObjectNode issue(String key) {
    return issues.stream()
        .filter(i -> i.path("key").asText().equals(key))
        .findFirst()
        .orElseThrow();
  }

  public synchronized List<ObjectNode> issues() {
    return List.copyOf(issues);
  }

  private static ObjectNode status(String name, String category) {
    ObjectNode status = MAPPER.createObjectNode().put("name", name);
    status.set("statusCategory", MAPPER.createObjectNode().put("key", category));
    return status;
  }

  static String time(Instant at) {
    return JIRA_TIME.format(at.atOffset(java.time.ZoneOffset.UTC));
  }

  static final Pattern UPDATED = Pattern.compile("updated >= (\\d+)");

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return new Answer(401, Map.of("errorMessages", List.of("Unauthorized")), Map.of());
    }
    if (path.equals("/rest/api/3/search")) {
      return new Answer(
          410,
          Map.of(
              "errorMessages",
              List.of(
                  "The requested API has been removed. Please use the newer, enhanced search-based API instead. Please refer to https://developer.atlassian.com/changelog/#CHANGE-2046 for further information.")),
          Map.of());
    }
    if (path.equals("/rest/api/3/search/jql")) {
      String jql = first(query, "jql", "");
      Matcher matcher = UPDATED.matcher(jql);
      if (!matcher.find()) {
        return new Answer(
            400,
            Map.of("errorMessages", List.of("Unbounded JQL queries are not allowed here.")),
            Map.of());
      }
      Instant from = Instant.ofEpochMilli(Long.parseLong(matcher.group(1)));
      List<ObjectNode> matching =
          issues.stream()
              .filter(
                  i ->
                      !OffsetDateTime.parse(i.path("fields").path("updated").asText(), JIRA_TIME)
                          .toInstant()
                          .isBefore(from))
              .toList();
      int size = Math.min(pageSize, Integer.parseInt(first(query, "maxResults", "50")));
      String token = first(query, "nextPageToken", null);
      int offset =
          token == null
              ? 0
              : Integer.parseInt(
                  new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      boolean fields = query.containsKey("fields");
      boolean changelog = first(query, "expand", "").contains("changelog");
      ArrayNode array = MAPPER.createArrayNode();
      for (ObjectNode issue :
          matching.subList(
              Math.min(offset, matching.size()), Math.min(matching.size(), offset + size))) {
        if (!fields) {
          array.add(MAPPER.createObjectNode().put("id", issue.path("id").asText()));
          continue;
        }
        ObjectNode copy = issue.deepCopy();
        if (changelog) {
          List<ObjectNode> all = histories.getOrDefault(issue.path("key").asText(), List.of());
          ObjectNode embedded = MAPPER.createObjectNode();
          embedded.put("startAt", 0).put("maxResults", EMBEDDED_HISTORIES).put("total", all.size());
          ArrayNode list = MAPPER.createArrayNode();
          all.stream().limit(EMBEDDED_HISTORIES).forEach(list::add);
          embedded.set("histories", list);
          copy.set("changelog", embedded);
        }
        array.add(copy);
      }
      boolean last = offset + size >= matching.size();
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("issues", array);
      if (!last) {
        page.put(
            "nextPageToken",
            Base64.getEncoder()
                .encodeToString(String.valueOf(offset + size).getBytes(StandardCharsets.UTF_8)));
      }
      page.put("isLast", last);
      return Answer.ok(page);
    }
    Matcher changelog =
        Pattern.compile("^/rest/api/3/issue/([A-Z]+-\\d+)/changelog$").matcher(path);
    if (changelog.matches()) {
      List<ObjectNode> all = histories.getOrDefault(changelog.group(1), List.of());
      int startAt = Integer.parseInt(first(query, "startAt", "0"));
      int max = Math.min(3, Integer.parseInt(first(query, "maxResults", "50")));
      ArrayNode values = MAPPER.createArrayNode();
      all.subList(Math.min(startAt, all.size()), Math.min(all.size(), startAt + max))
          .forEach(values::add);
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("self", "changelog");
      page.put("maxResults", max);
      page.put("startAt", startAt);
      page.put("total", all.size());
      page.put("isLast", startAt + max >= all.size());
      page.put("values", values);
      return Answer.ok(page);
    }
    return new Answer(404, Map.of("errorMessages", List.of("Issue does not exist")), Map.of());
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    return new Answer(
        429,
        Map.of("errorMessages", List.of("Rate limit exceeded")),
        httpDate
            ? Map.of("Retry-After", httpDate(1, false))
            : Map.of("Retry-After", "1", "X-RateLimit-Reset", "2026-01-01T00:00Z"));
  }
}
