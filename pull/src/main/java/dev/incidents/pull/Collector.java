package dev.incidents.pull;

import dev.incidents.core.model.PullState;
import dev.incidents.pull.http.ApiClient;
import java.util.List;
import java.util.Optional;

/**
 * One vendor API. A collector writes every response page to the run's {@link RawRun} and parses
 * only what paging needs (cursors, counts, ids): the ingest stays the only parser of the data.
 */
public interface Collector {
  /** The scope of the watermark this collector keeps, such as {@code incidents}. */
  String scope();

  /** The request headers, the authentication included; never logged. */
  java.util.Map<String, String> headers();

  /** One line per kind of request a run would make, for {@code --dry-run}. */
  List<String> plan(Window window, Optional<PullState> previous);

  /** Fetches the window; throws {@link PullException} on anything that would lose data. */
  Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw);

  /**
   * What a run fetched: the records of the main resource, the ids that are not final yet, and lines
   * worth showing the user (such as history the API cannot give).
   */
  record Result(long records, List<String> pendingIds, List<String> notes) {
    public Result {
      pendingIds = List.copyOf(pendingIds);
      notes = List.copyOf(notes);
    }
  }
}
