package dev.incidents.pull.statuspage;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Statuspage. Without a token, the public {@code GET {page}/api/v2/incidents.json}: the 50 most
 * recent incidents, no paging; when 50 came back and the oldest is newer than the window start, one
 * line says that older history is not available from the public API. With a token, the manage API
 * {@code GET /v1/pages/{page}/incidents?page=N&limit=100} ({@code Authorization: OAuth …}), paged
 * until an empty page; its bare arrays are kept raw in {@code <run-id>.verbatim/} and written as
 * {@code {page, incidents}} documents, the layout the ingest reads.
 */
public final class StatuspageCollector implements Collector {
  public static final int PUBLIC_LIMIT = 50;
  public static final int MANAGE_LIMIT = 100;
  public static final int MAX_PAGES = 1000;

  private final SourceSettings settings;
  private final String pageId;

  public StatuspageCollector(SourceSettings settings, String pageId) {
    this.settings = settings;
    this.pageId = pageId.trim();
    if (settings.token().isPresent() && this.pageId.isEmpty()) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Set sources.statuspage.page (environment INCIDENTS_SOURCES_STATUSPAGE_PAGE): the"
              + " manage API needs the page id");
    }
  }

  @Override
  public String scope() {
    return "incidents";
  }

  @Override
  public Map<String, String> headers() {
    return settings
        .token()
        .map(token -> Map.of("Authorization", "OAuth " + token))
        .orElse(Map.of());
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    if (settings.token().isPresent()) {
      return List.of(
          "GET "
              + settings.baseUrl()
              + "/v1/pages/"
              + pageId
              + "/incidents?page=1..&limit=100 (manage API) until an empty page");
    }
    return List.of(
        "GET "
            + settings.baseUrl()
            + "/api/v2/incidents.json (public: the 50 most recent incidents, no paging)");
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    return settings.token().isPresent() ? manage(client, raw) : publicFeed(window, client, raw);
  }

  private Result publicFeed(Window window, ApiClient client, RawRun raw) {
    ApiResponse response = client.get(settings.resolve("/api/v2/incidents.json"));
    JsonNode body = Pages.json(response);
    JsonNode incidents = Pages.array(response, body, "incidents");
    raw.page("incidents", response.body(), incidents.size());
    client.counters().page(incidents.size());
    List<String> notes = new ArrayList<>();
    Instant oldest = null;
    for (JsonNode incident : incidents) {
      Instant created = OffsetDateTime.parse(incident.path("created_at").asText()).toInstant();
      oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
    }
    if (incidents.size() >= PUBLIC_LIMIT && oldest != null && oldest.isAfter(window.since())) {
      notes.add(
          "  statuspage: the public API returns the 50 most recent incidents; history before "
              + oldest
              + " is not available from it (set INCIDENTS_SOURCES_STATUSPAGE_TOKEN and"
              + " sources.statuspage.page for the manage API)");
    }
    return new Result(incidents.size(), List.of(), notes);
  }

  private Result manage(ApiClient client, RawRun raw) {
    long total = 0;
    for (int page = 1; page <= MAX_PAGES; page++) {
      ApiResponse response =
          client.get(
              settings.resolve(
                  "/v1/pages/"
                      + Pages.encode(pageId)
                      + "/incidents?page="
                      + page
                      + "&limit="
                      + MANAGE_LIMIT));
      JsonNode body;
      try {
        body = Pages.MAPPER.readTree(response.body());
      } catch (IOException e) {
        body = null;
      }
      if (body == null || !body.isArray()) {
        throw new PullException(
            PullErrorCode.MALFORMED_RESPONSE,
            "statuspage: GET " + ApiClient.path(response.uri()) + " did not answer an array");
      }
      raw.original(String.format("incidents-%04d", page), response.body());
      client.counters().page(body.size());
      if (body.isEmpty()) {
        return new Result(total, List.of(), List.of());
      }
      ObjectNode document = Pages.MAPPER.createObjectNode();
      document.set("page", Pages.MAPPER.createObjectNode().put("id", pageId));
      document.set("incidents", (ArrayNode) body);
      try {
        raw.write(String.format("incidents-%04d", page), Pages.MAPPER.writeValueAsBytes(document));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      total += body.size();
    }
    throw new PullException(
        PullErrorCode.CAP_EXCEEDED,
        "statuspage: more than " + MAX_PAGES + " pages of incidents; refusing to go on");
  }
}
