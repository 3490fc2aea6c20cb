package dev.incidents.pull.opsgenie;

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
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opsgenie alerts. {@code GET /v2/alerts?query=createdAt>A AND createdAt<B&sort=createdAt&
 * order=asc&limit=100&offset=N}; offset+limit is capped at 20,000, so before the cap the window
 * moves forward to the last alert's {@code createdAt} (minus a millisecond, duplicates dropped by
 * id) and the offset starts again. Per alert its logs and notes, following {@code paging.next} with
 * the string {@code offset} of the last entry. Logs and notes are written as {@code
 * alert-<id>-logs-NNN.json} and {@code alert-<id>-notes-NNN.json}: their records carry no alert id,
 * so the ingest takes it from the file name and stores them as timeline events of the alert.
 */
public final class OpsgenieCollector implements Collector {
  public static final int LIMIT = 100;
  public static final int OFFSET_CAP = 20_000;

  private final SourceSettings settings;
  private final int offsetCap;

  public OpsgenieCollector(SourceSettings settings) {
    this(settings, OFFSET_CAP);
  }

  /** With another offset cap, so that moving the window can be tested with fewer alerts. */
  public OpsgenieCollector(SourceSettings settings, int offsetCap) {
    this.settings = settings;
    if (offsetCap < 2 * LIMIT || offsetCap > OFFSET_CAP) {
      throw new IllegalArgumentException("Invalid offset cap " + offsetCap);
    }
    this.offsetCap = offsetCap;
  }

  @Override
  public String scope() {
    return "alerts";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Authorization", "GenieKey " + settings.requireToken());
  }

  static String query(long after, Instant until) {
    return "createdAt>" + after + " AND createdAt<" + until.toEpochMilli();
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    return List.of(
        "GET "
            + settings.baseUrl()
            + "/v2/alerts?query="
            + query(window.since().toEpochMilli() - 1, window.until())
            + "&sort=createdAt&order=asc&limit=100, moving the createdAt window before offset"
            + " 20,000",
        "GET /v2/alerts/{id}/logs and /v2/alerts/{id}/notes for every alert");
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    Set<String> ids = new LinkedHashSet<>();
    long after = window.since().toEpochMilli() - 1;
    int offset = 0;
    int page = 0;
    while (true) {
      ApiResponse response =
          client.get(
              settings.resolve(
                  "/v2/alerts?query="
                      + Pages.encode(query(after, window.until()))
                      + "&sort=createdAt&order=asc&limit="
                      + LIMIT
                      + "&offset="
                      + offset));
      JsonNode body = Pages.json(response);
      JsonNode data = Pages.array(response, body, "data");
      boolean more = body.path("paging").hasNonNull("next");
      if (more && data.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "opsgenie: /v2/alerts answered an empty page with paging.next");
      }
      raw.page(String.format("alerts-%04d", page++), response.body(), data.size());
      client.counters().page(data.size());
      String lastCreated = null;
      for (JsonNode alert : data) {
        ids.add(alert.path("id").asText());
        lastCreated = alert.path("createdAt").asText(null);
      }
      if (!more) {
        break;
      }
      if (offset + 2 * LIMIT > offsetCap) {
        long moved = Instant.parse(lastCreated).toEpochMilli() - 1;
        if (moved <= after) {
          throw new PullException(
              PullErrorCode.CAP_EXCEEDED,
              "opsgenie: more than "
                  + offsetCap
                  + " alerts were created at "
                  + lastCreated
                  + "; the window cannot move");
        }
        after = moved;
        offset = 0;
      } else {
        offset += LIMIT;
      }
    }
    for (String id : ids) {
      String safe = id.replaceAll("[^A-Za-z0-9_-]", "_");
      children("/v2/alerts/" + Pages.encode(id) + "/logs", "alert-" + safe + "-logs", client, raw);
      children(
          "/v2/alerts/" + Pages.encode(id) + "/notes", "alert-" + safe + "-notes", client, raw);
    }
    return new Result(ids.size(), List.of(), List.of());
  }

  private void children(String path, String name, ApiClient client, RawRun raw) {
    Pages.Cursors cursors = new Pages.Cursors(path);
    String offset = null;
    int page = 0;
    while (true) {
      ApiResponse response =
          client.get(
              settings.resolve(
                  path
                      + "?identifierType=id&order=asc&direction=next&limit="
                      + LIMIT
                      + (offset == null ? "" : "&offset=" + Pages.encode(offset))));
      JsonNode body = Pages.json(response);
      JsonNode data = Pages.array(response, body, "data");
      raw.page(String.format("%s-%03d", name, page++), response.body(), data.size());
      client.counters().page(data.size());
      if (!body.path("paging").hasNonNull("next")) {
        return;
      }
      if (data.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "opsgenie: " + path + " answered an empty page with paging.next");
      }
      offset = data.get(data.size() - 1).path("offset").asText("");
      cursors.next(offset);
    }
  }
}
