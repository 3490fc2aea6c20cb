package dev.incidents.pull.incidentio;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * incident.io v2. Incidents updated since the window start ({@code updated_at[gte]}, a UTC day,
 * which the one-day overlap covers) are listed 250 at a time following {@code
 * pagination_meta.after}, with every {@code mode[one_of]} value (the default drops test and
 * tutorial incidents silently) and every status category. For each incident its updates (paged),
 * its follow-ups and its alert attributions (50 a page, read by the ingest as alerts linked to the
 * incident) are fetched. Incidents that are not resolved yet (triage, live, paused) are kept as
 * pending and fetched again by {@code GET /v2/incidents/{id}} on every run until they are, in case
 * their {@code updated_at} did not move; {@link #collectIds} is the same fetch for a given set of
 * incidents, the targeted pull a webhook triggers.
 */
public final class IncidentIoCollector implements Collector {
  public static final int PAGE_SIZE = 250;
  public static final int ALERT_PAGE_SIZE = 50;
  public static final List<String> MODES = List.of("standard", "retrospective", "test", "tutorial");
  public static final List<String> STATUS_CATEGORIES =
      List.of("triage", "declined", "merged", "canceled", "live", "learning", "closed", "paused");

  /** The status categories of an incident that is not resolved yet. */
  static final Set<String> OPEN_CATEGORIES = Set.of("triage", "live", "paused");

  private final SourceSettings settings;

  public IncidentIoCollector(SourceSettings settings) {
    this.settings = settings;
  }

  @Override
  public String scope() {
    return "incidents";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of(
        "Authorization", "Bearer " + settings.requireToken(), "Accept", "application/json");
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    return List.of(
        "GET "
            + settings.baseUrl()
            + "/v2/incidents?page_size=250&updated_at[gte]="
            + day(window)
            + " with mode[one_of] "
            + MODES
            + ", following pagination_meta.after",
        "GET /v2/incident_updates?incident_id=…, /v2/follow_ups?incident_id=… and"
            + " /v2/incident_alerts?incident_id=…&page_size=50 for every incident");
  }

  private static String day(Window window) {
    return window.since().atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    StringBuilder query =
        new StringBuilder("/v2/incidents?page_size=")
            .append(PAGE_SIZE)
            .append("&")
            .append(Pages.encode("updated_at[gte]"))
            .append("=")
            .append(day(window));
    for (String mode : MODES) {
      query.append("&").append(Pages.encode("mode[one_of]")).append("=").append(mode);
    }
    for (String category : STATUS_CATEGORIES) {
      query
          .append("&")
          .append(Pages.encode("status_category[one_of]"))
          .append("=")
          .append(category);
    }
    List<String> ids = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    long expected =
        paged(
            query.toString(),
            "incidents",
            "incidents",
            client,
            raw,
            page -> {
              for (JsonNode incident : page) {
                ids.add(incident.path("id").asText());
                if (open(incident)) {
                  pending.add(incident.path("id").asText());
                }
              }
            });
    if (expected >= 0 && ids.size() < expected) {
      throw new PullException(
          PullErrorCode.INCOMPLETE,
          "incidentio: "
              + ids.size()
              + " of "
              + expected
              + " incidents arrived (pagination_meta.total_record_count); run the pull again");
    }
    List<String> notes = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>(ids);
    for (String id : previous.map(PullState::pendingIds).orElse(List.of())) {
      if (!listed.contains(id)) {
        byId(id, client, raw, ids, pending, notes);
      }
    }
    children(ids, client, raw);
    return new Result(ids.size(), pending, notes);
  }

  /**
   * The targeted pull: each incident by {@code GET /v2/incidents/{id}}, then its updates,
   * follow-ups and alert attributions, into the same raw run.
   */
  public Result collectIds(Collection<String> wanted, ApiClient client, RawRun raw) {
    List<String> ids = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String id : new LinkedHashSet<>(wanted)) {
      byId(id, client, raw, ids, pending, notes);
    }
    children(ids, client, raw);
    return new Result(ids.size(), pending, notes);
  }

  private static boolean open(JsonNode incident) {
    return OPEN_CATEGORIES.contains(incident.path("incident_status").path("category").asText(""));
  }

  /** {@code GET /v2/incidents/{id}} as {@code incident-<id>.json}; a 404 is a line. */
  private void byId(
      String id,
      ApiClient client,
      RawRun raw,
      List<String> ids,
      List<String> pending,
      List<String> notes) {
    ApiResponse response;
    try {
      response = client.get(settings.resolve("/v2/incidents/" + Pages.encode(id)));
    } catch (ApiClient.ApiFailure failure) {
      if (failure.response().status() == 404) {
        notes.add(
            "  incidentio: incident "
                + id
                + " answers 404 (deleted, or private to the key); it is no longer fetched");
        return;
      }
      throw failure;
    }
    JsonNode incident = Pages.incident(response, "incidentio", id);
    raw.write("incident-" + id.replaceAll("[^A-Za-z0-9_-]", "_"), response.body());
    client.counters().page(1);
    ids.add(id);
    if (open(incident)) {
      pending.add(id);
    }
  }

  private void children(List<String> ids, ApiClient client, RawRun raw) {
    for (String id : ids) {
      String safe = id.replaceAll("[^A-Za-z0-9_-]", "_");
      String incident = Pages.encode(id);
      paged(
          "/v2/incident_updates?incident_id=" + incident + "&page_size=" + PAGE_SIZE,
          "incident_updates",
          "incident_updates-" + safe,
          client,
          raw,
          page -> {});
      ApiResponse followUps =
          client.get(settings.resolve("/v2/follow_ups?incident_id=" + incident));
      JsonNode array = Pages.array(followUps, Pages.json(followUps), "follow_ups");
      raw.page("follow_ups-" + safe, followUps.body(), array.size());
      client.counters().page(array.size());
      paged(
          "/v2/incident_alerts?incident_id=" + incident + "&page_size=" + ALERT_PAGE_SIZE,
          "incident_alerts",
          "incident_alerts-" + safe,
          client,
          raw,
          page -> {});
    }
  }

  /**
   * Follows {@code pagination_meta.after} to the end; returns {@code total_record_count} of the
   * first page, or -1. An empty page that still carries a cursor, or a cursor seen twice, is an
   * error.
   */
  private long paged(
      String query,
      String field,
      String name,
      ApiClient client,
      RawRun raw,
      java.util.function.Consumer<JsonNode> onPage) {
    Pages.Cursors cursors = new Pages.Cursors(field);
    String after = null;
    long total = -1;
    int page = 0;
    while (true) {
      String uri = query + (after == null ? "" : "&after=" + Pages.encode(after));
      ApiResponse response = client.get(settings.resolve(uri));
      JsonNode body = Pages.json(response);
      JsonNode array = Pages.array(response, body, field);
      JsonNode meta = body.path("pagination_meta");
      if (page == 0 && meta.has("total_record_count")) {
        total = meta.path("total_record_count").asLong(-1);
      }
      String next = meta.path("after").isTextual() ? meta.path("after").asText() : "";
      if (!next.isEmpty() && array.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "incidentio: GET "
                + ApiClient.path(response.uri())
                + " answered an empty page with pagination_meta.after '"
                + next
                + "'");
      }
      String file = String.format("%s-%03d", name, page++);
      raw.page(file, response.body(), array.size());
      client.counters().page(array.size());
      onPage.accept(array);
      if (next.isEmpty()) {
        return total;
      }
      cursors.next(next);
      after = next;
    }
  }
}
