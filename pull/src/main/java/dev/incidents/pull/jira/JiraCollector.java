package dev.incidents.pull.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.model.PullState;
import dev.incidents.pull.Collector;
import dev.incidents.pull.Pages;
import dev.incidents.pull.PullErrorCode;
import dev.incidents.pull.PullException;
import dev.incidents.pull.RawRun;
import dev.incidents.pull.SourceSettings;
import dev.incidents.pull.Window;
import dev.incidents.pull.http.ApiClient;
import dev.incidents.pull.http.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jira Cloud REST v3. {@code GET /rest/api/3/search/jql} with the configured JQL bounded by {@code
 * updated >= <epoch millis>} (a zone-less date would be read in the API user's profile zone), an
 * explicit {@code fields} list (the default is {@code id} only) and {@code expand=changelog},
 * following {@code nextPageToken} until {@code isLast}. The old {@code /rest/api/3/search} answers
 * 410 and is never called. An embedded changelog that is truncated is completed from {@code
 * /rest/api/3/issue/{key}/changelog} and merged with the embedded histories (once each by id,
 * oldest first), so no status history is lost. The pages are kept verbatim in {@code
 * <run-id>.verbatim/}; the run folder holds one search response per page in the layout the ingest
 * reads ({@code startAt}, {@code maxResults}, {@code issues}), with each issue's complete
 * changelog.
 */
public final class JiraCollector implements Collector {
  public static final int MAX_RESULTS = 100;
  public static final String FIELDS =
      "summary,status,labels,assignee,created,updated,resolutiondate,resolution,duedate,priority,"
          + "issuelinks,issuetype,project";

  private final SourceSettings settings;
  private final String email;
  private final String jql;

  public JiraCollector(SourceSettings settings, String email, String jql) {
    this.settings = settings;
    this.email = email.trim();
    this.jql = jql.trim();
    if (this.jql.isEmpty()) {
      throw new PullException(
          PullErrorCode.CONFIGURATION, "sources.jira.jql is empty: a search must be bounded");
    }
  }

  @Override
  public String scope() {
    return "issues";
  }

  @Override
  public Map<String, String> headers() {
    if (email.isEmpty()) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Set sources.jira.email (environment INCIDENTS_SOURCES_JIRA_EMAIL): Jira Cloud API"
              + " tokens use Basic auth with the account email");
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (email + ":" + settings.requireToken()).getBytes(StandardCharsets.UTF_8));
    return Map.of("Authorization", "Basic " + basic, "Accept", "application/json");
  }

  String query(Window window) {
    return "("
        + jql
        + ") AND updated >= "
        + window.since().toEpochMilli()
        + " ORDER BY updated ASC, key ASC";
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    return List.of(
        "GET "
            + settings.baseUrl()
            + "/rest/api/3/search/jql?jql="
            + query(window)
            + "&fields="
            + FIELDS
            + "&expand=changelog, following nextPageToken until isLast",
        "GET /rest/api/3/issue/{key}/changelog for every issue whose embedded changelog is"
            + " truncated");
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    Pages.Cursors cursors = new Pages.Cursors("jira search");
    String token = null;
    long issues = 0;
    int page = 0;
    while (true) {
      String uri =
          "/rest/api/3/search/jql?jql="
              + Pages.encode(query(window))
              + "&fields="
              + Pages.encode(FIELDS)
              + "&expand=changelog&maxResults="
              + MAX_RESULTS
              + (token == null ? "" : "&nextPageToken=" + Pages.encode(token));
      ApiResponse response = client.get(settings.resolve(uri));
      JsonNode body = Pages.json(response);
      ArrayNode array = (ArrayNode) Pages.array(response, body, "issues");
      raw.original(String.format("search_jql-%04d", page), response.body());
      client.counters().page(array.size());
      boolean last = body.path("isLast").asBoolean(!body.hasNonNull("nextPageToken"));
      String next =
          body.path("nextPageToken").isTextual() ? body.path("nextPageToken").asText() : "";
      if (!last && next.isEmpty()) {
        throw new PullException(
            PullErrorCode.MALFORMED_RESPONSE,
            "jira: /rest/api/3/search/jql answered isLast=false without a nextPageToken");
      }
      if (!last && array.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "jira: /rest/api/3/search/jql answered an empty page with isLast=false");
      }
      for (JsonNode issue : array) {
        completeChangelog((ObjectNode) issue, client, raw);
      }
      if (!array.isEmpty()) {
        ObjectNode search = Pages.MAPPER.createObjectNode();
        search.put("startAt", issues);
        search.put("maxResults", array.size());
        search.set("issues", array);
        try {
          raw.write(String.format("search-%04d", page), Pages.MAPPER.writeValueAsBytes(search));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      issues += array.size();
      page++;
      if (last) {
        return new Result(issues, List.of(), List.of());
      }
      cursors.next(next);
      token = next;
    }
  }

  private void completeChangelog(ObjectNode issue, ApiClient client, RawRun raw) {
    JsonNode changelog = issue.path("changelog");
    ArrayNode histories =
        changelog.path("histories").isArray()
            ? (ArrayNode) changelog.path("histories")
            : Pages.MAPPER.createArrayNode();
    long total = changelog.path("total").asLong(histories.size());
    if (total <= histories.size()) {
      return;
    }
    String key = issue.path("key").asText();
    ArrayNode all = Pages.MAPPER.createArrayNode();
    int startAt = 0;
    int page = 0;
    while (true) {
      ApiResponse response =
          client.get(
              settings.resolve(
                  "/rest/api/3/issue/"
                      + Pages.encode(key)
                      + "/changelog?startAt="
                      + startAt
                      + "&maxResults="
                      + MAX_RESULTS));
      JsonNode body = Pages.json(response);
      JsonNode values = Pages.array(response, body, "values");
      raw.original(
          String.format("changelog-%s-%03d", key.replaceAll("[^A-Za-z0-9_-]", "_"), page++),
          response.body());
      client.counters().page(values.size());
      values.forEach(all::add);
      long pageTotal = body.path("total").asLong(total);
      boolean last = body.path("isLast").asBoolean(startAt + values.size() >= pageTotal);
      if (last) {
        break;
      }
      if (values.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "jira: the changelog of " + key + " answered an empty page before its end");
      }
      startAt += values.size();
    }
    ArrayNode merged = merge(histories, all);
    if (merged.size() < total) {
      throw new PullException(
          PullErrorCode.INCOMPLETE,
          "jira: " + merged.size() + " of " + total + " changelog entries arrived for " + key);
    }
    ObjectNode complete = Pages.MAPPER.createObjectNode();
    complete.put("startAt", 0);
    complete.put("maxResults", merged.size());
    complete.put("total", merged.size());
    complete.set("histories", merged);
    issue.set("changelog", complete);
  }

  /**
   * The embedded histories and the fetched ones, once each by id, oldest first: a history that only
   * the embedded (truncated) changelog has, because it was added while the pages were fetched, is
   * kept too.
   */
  static ArrayNode merge(ArrayNode embedded, ArrayNode fetched) {
    java.util.Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
    List<JsonNode> anonymous = new java.util.ArrayList<>();
    for (ArrayNode list : List.of(fetched, embedded)) {
      for (JsonNode history : list) {
        String id = history.path("id").asText("");
        if (id.isEmpty()) {
          anonymous.add(history);
        } else {
          byId.putIfAbsent(id, history);
        }
      }
    }
    List<JsonNode> all = new java.util.ArrayList<>(byId.values());
    all.addAll(anonymous);
    all.sort(java.util.Comparator.comparing(JiraCollector::created));
    ArrayNode merged = Pages.MAPPER.createArrayNode();
    all.forEach(merged::add);
    return merged;
  }

  /** A history's {@code created} ({@code 2015-02-12T13:28:44.000-0800}) as an instant. */
  private static java.time.Instant created(JsonNode history) {
    String text = history.path("created").asText("");
    try {
      return java.time.OffsetDateTime.parse(
              text, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
          .toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (java.time.format.DateTimeParseException again) {
        return java.time.Instant.MIN;
      }
    }
  }
}
