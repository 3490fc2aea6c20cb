package dev.incidents.pull.pagerduty;

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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PagerDuty REST v2. Incidents are listed by creation time ({@code since}/{@code until} with {@code
 * time_zone=UTC}, there is no updated-since filter) in windows of at most 180 days; a window whose
 * {@code total} exceeds 10,000 is bisected, because offset+limit above 10,000 answers HTTP 400 code
 * 2002. Each incident's log entries, alerts and notes are fetched by id. Incidents that were not
 * resolved are kept as pending and fetched again on every run until they resolve: the incident by
 * {@code GET /incidents/{id}} (the single-object envelope {@code {"incident":{…}}}, which the
 * ingest reads), its children by id. {@link #collectIds} is the same fetch for a given set of
 * incidents: the targeted pull a webhook triggers.
 */
public final class PagerDutyCollector implements Collector {
  public static final int LIMIT = 100;
  public static final int OFFSET_CAP = 10_000;
  static final Duration MAX_WINDOW = Duration.ofDays(180);

  private final SourceSettings settings;
  private final List<String> serviceIds;
  private final int offsetCap;

  public PagerDutyCollector(SourceSettings settings, List<String> serviceIds) {
    this(settings, serviceIds, OFFSET_CAP);
  }

  /** With another offset cap, so that bisection can be tested without 10,000 records. */
  public PagerDutyCollector(SourceSettings settings, List<String> serviceIds, int offsetCap) {
    this.settings = settings;
    this.serviceIds = List.copyOf(serviceIds);
    if (offsetCap < LIMIT || offsetCap > OFFSET_CAP) {
      throw new IllegalArgumentException("Invalid offset cap " + offsetCap);
    }
    this.offsetCap = offsetCap;
  }

  @Override
  public String scope() {
    return "incidents";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of(
        "Authorization",
        "Token token=" + settings.requireToken(),
        "Accept",
        "application/vnd.pagerduty+json;version=2");
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    List<String> lines = new ArrayList<>();
    List<Window> windows = windows(window);
    lines.add(
        "GET "
            + settings.baseUrl()
            + "/incidents in "
            + windows.size()
            + " window(s) of at most 180 days from "
            + window.since()
            + " to "
            + window.until()
            + " (time_zone=UTC, limit=100, total=true; bisected above 10,000)"
            + (serviceIds.isEmpty() ? "" : ", service_ids " + serviceIds));
    lines.add(
        "GET /incidents/{id}/log_entries?is_overview=false, /incidents/{id}/alerts and"
            + " /incidents/{id}/notes for every incident");
    int pending = previous.map(state -> state.pendingIds().size()).orElse(0);
    lines.add(
        pending + " unresolved incident(s) from earlier runs fetched again by GET /incidents/{id}");
    return lines;
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    Map<String, String> incidents = new LinkedHashMap<>(); // id -> id@created_at when unresolved
    Set<String> seen = new LinkedHashSet<>();
    int index = 0;
    for (Window slice : windows(window)) {
      index = listWindow(slice, client, raw, incidents, seen, index);
    }
    List<String> notes = new ArrayList<>();
    for (String pending : previous.map(PullState::pendingIds).orElse(List.of())) {
      int at = pending.indexOf('@');
      String id = at < 0 ? pending : pending.substring(0, at);
      if (!seen.contains(id)) {
        byId(id, client, raw, incidents, seen, notes);
      }
    }
    return children(seen, incidents, notes, client, raw);
  }

  /**
   * The log entries, alerts and notes of every incident fetched; the result names the incidents
   * still unresolved (their pending ids).
   */
  private Result children(
      Set<String> seen,
      Map<String, String> incidents,
      List<String> notes,
      ApiClient client,
      RawRun raw) {
    for (String id : seen) {
      children(id, client, raw);
    }
    List<String> pendingIds = new ArrayList<>(incidents.values());
    pendingIds.removeIf(String::isEmpty);
    return new Result(seen.size(), pendingIds, notes);
  }

  /**
   * The targeted pull: each incident by {@code GET /incidents/{id}}, then its log entries, alerts
   * and notes, into the same raw run. Returns the incidents fetched and the ones still unresolved.
   */
  public Result collectIds(Collection<String> ids, ApiClient client, RawRun raw) {
    Map<String, String> incidents = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      byId(id, client, raw, incidents, seen, notes);
    }
    return children(seen, incidents, notes, client, raw);
  }

  /**
   * {@code GET /incidents/{id}}, written as {@code incident-<id>.json} for the ingest. A 404 (the
   * incident was deleted, or the token no longer sees its service) is a line, and the incident is
   * no longer followed.
   */
  private void byId(
      String id,
      ApiClient client,
      RawRun raw,
      Map<String, String> incidents,
      Set<String> seen,
      List<String> notes) {
    ApiResponse response;
    try {
      response = client.get(settings.resolve("/incidents/" + Pages.encode(id)));
    } catch (ApiClient.ApiFailure failure) {
      if (failure.response().status() == 404) {
        notes.add(
            "  pagerduty: incident "
                + id
                + " answers 404 (deleted, or its service is out of the token's reach); it is no"
                + " longer fetched");
        return;
      }
      throw failure;
    }
    JsonNode incident = Pages.incident(response, "pagerduty", id);
    raw.write("incident-" + safe(id), response.body());
    client.counters().page(1);
    seen.add(id);
    boolean resolved = incident.path("status").asText("").equals("resolved");
    incidents.put(id, resolved ? "" : id + "@" + incident.path("created_at").asText(""));
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static List<Window> windows(Window window) {
    List<Window> windows = new ArrayList<>();
    Instant start = window.since();
    while (start.isBefore(window.until())) {
      Instant end = start.plus(MAX_WINDOW);
      if (end.isAfter(window.until())) {
        end = window.until();
      }
      windows.add(new Window(start, end));
      start = end;
    }
    return windows;
  }

  /** Lists one window, bisecting it while its total exceeds the offset cap. */
  private int listWindow(
      Window slice,
      ApiClient client,
      RawRun raw,
      Map<String, String> incidents,
      Set<String> seen,
      int index) {
    int offset = 0;
    long fetched = 0;
    long total = -1;
    int page = 0;
    while (true) {
      ApiResponse response;
      try {
        response = client.get(settings.resolve(incidentsQuery(slice, offset)));
      } catch (ApiClient.ApiFailure failure) {
        if (failure.response().status() == 400 && failure.getMessage().contains("2002")) {
          throw new PullException(
              PullErrorCode.CAP_EXCEEDED,
              "pagerduty: the listing of "
                  + slice.since()
                  + " to "
                  + slice.until()
                  + " hit the 10,000 offset cap (HTTP 400 code 2002) although its total was "
                  + total
                  + "; incidents were added during the run, run the pull again");
        }
        throw failure;
      }
      JsonNode body = Pages.json(response);
      JsonNode array = Pages.array(response, body, "incidents");
      if (offset == 0) {
        total = body.path("total").asLong(-1);
        if (total < 0) {
          throw new PullException(
              PullErrorCode.MALFORMED_RESPONSE,
              "pagerduty: GET " + ApiClient.path(response.uri()) + " has no total (total=true)");
        }
        if (total > offsetCap) {
          Duration length = Duration.between(slice.since(), slice.until());
          if (length.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new PullException(
                PullErrorCode.CAP_EXCEEDED,
                "pagerduty: "
                    + total
                    + " incidents were created within "
                    + slice
                    + "; a window cannot be split below one second");
          }
          Instant middle =
              slice.since().plusSeconds(length.getSeconds() / 2).truncatedTo(ChronoUnit.SECONDS);
          index =
              listWindow(new Window(slice.since(), middle), client, raw, incidents, seen, index);
          return listWindow(new Window(middle, slice.until()), client, raw, incidents, seen, index);
        }
      }
      boolean more = body.path("more").asBoolean(false);
      if (more && array.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "pagerduty: GET "
                + ApiClient.path(response.uri())
                + " answered more=true with an empty page");
      }
      raw.page(String.format("incidents-%04d-%03d", index, page++), response.body(), array.size());
      client.counters().page(array.size());
      for (JsonNode incident : array) {
        String id = incident.path("id").asText("");
        if (id.isEmpty()) {
          continue;
        }
        seen.add(id);
        boolean resolved = incident.path("status").asText("").equals("resolved");
        incidents.put(id, resolved ? "" : id + "@" + incident.path("created_at").asText(""));
      }
      fetched += array.size();
      if (!more) {
        break;
      }
      offset += LIMIT;
      if (offset + LIMIT > offsetCap) {
        throw new PullException(
            PullErrorCode.CAP_EXCEEDED,
            "pagerduty: more incidents than the offset cap " + offsetCap + " in " + slice);
      }
    }
    if (fetched < total) {
      throw new PullException(
          PullErrorCode.INCOMPLETE,
          "pagerduty: "
              + fetched
              + " of "
              + total
              + " incidents arrived for "
              + slice.since()
              + " to "
              + slice.until()
              + "; the listing changed during the run, run the pull again");
    }
    return index + 1;
  }

  private String incidentsQuery(Window slice, int offset) {
    StringBuilder query =
        new StringBuilder("/incidents?since=")
            .append(Pages.encode(slice.since().toString()))
            .append("&until=")
            .append(Pages.encode(slice.until().toString()))
            .append("&time_zone=UTC&limit=")
            .append(LIMIT)
            .append("&offset=")
            .append(offset)
            .append("&total=true");
    for (String service : serviceIds) {
      query
          .append("&")
          .append(Pages.encode("service_ids[]"))
          .append("=")
          .append(Pages.encode(service));
    }
    return query.toString();
  }

  private void children(String id, ApiClient client, RawRun raw) {
    String safe = safe(id);
    String path = "/incidents/" + Pages.encode(id);
    paged(path + "/log_entries?is_overview=false&time_zone=UTC", "log_entries", safe, client, raw);
    paged(path + "/alerts?", "alerts", safe, client, raw);
    ApiResponse notes = client.get(settings.resolve(path + "/notes"));
    JsonNode array = Pages.array(notes, Pages.json(notes), "notes");
    // incident-<id>-notes.json: a notes response names no incident, the ingest takes it from here
    raw.page("incident-" + safe + "-notes", notes.body(), array.size());
    client.counters().page(array.size());
  }

  private void paged(String path, String field, String safeId, ApiClient client, RawRun raw) {
    int offset = 0;
    int page = 0;
    String separator = path.endsWith("?") ? "" : "&";
    while (true) {
      ApiResponse response =
          client.get(settings.resolve(path + separator + "limit=" + LIMIT + "&offset=" + offset));
      JsonNode body = Pages.json(response);
      JsonNode array = Pages.array(response, body, field);
      boolean more = body.path("more").asBoolean(false);
      if (more && array.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "pagerduty: GET "
                + ApiClient.path(response.uri())
                + " answered more=true with an empty page");
      }
      raw.page(String.format("%s-%s-%03d", field, safeId, page++), response.body(), array.size());
      client.counters().page(array.size());
      if (!more) {
        return;
      }
      offset += LIMIT;
      if (offset + LIMIT > OFFSET_CAP) {
        throw new PullException(
            PullErrorCode.CAP_EXCEEDED,
            "pagerduty: more than 10,000 " + field + " for incident " + safeId);
      }
    }
  }
}
