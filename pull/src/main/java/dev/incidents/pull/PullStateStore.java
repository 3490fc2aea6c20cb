package dev.incidents.pull;

import dev.incidents.core.model.PullState;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.table.CanonicalRows;
import dev.incidents.lake.Lake;
import dev.incidents.lake.TableWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads and commits the {@code pull_state} lake table. */
public final class PullStateStore {
  private final Lake lake;

  public PullStateStore(Lake lake) {
    this.lake = lake;
  }

  public Optional<PullState> find(PullSource source, String scope) {
    for (PullState state : all()) {
      if (state.source().equals(source.value()) && state.scope().equals(scope)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public List<PullState> all() {
    List<PullState> states = new ArrayList<>();
    if (!lake.exists(LakeTables.PULL_STATE)) {
      return states;
    }
    var table = LakeTables.PULL_STATE;
    int source = table.indexOf("source");
    int scope = table.indexOf("scope");
    int watermark = table.indexOf("watermark");
    int runId = table.indexOf("last_run_id");
    int runAt = table.indexOf("last_run_at");
    int records = table.indexOf("records");
    int pending = table.indexOf("pending_ids");
    lake.read(
        table,
        row ->
            states.add(
                new PullState(
                    (String) row[source],
                    (String) row[scope],
                    (Instant) row[watermark],
                    (String) row[runId],
                    (Instant) row[runAt],
                    (Long) row[records],
                    row[pending] == null ? List.of() : (List<String>) row[pending])));
    return states;
  }

  /** Commits the rows in one atomic table commit. */
  public void commit(Collection<PullState> states) {
    if (states.isEmpty()) {
      return;
    }
    try (TableWrite write = lake.upsert(LakeTables.PULL_STATE)) {
      for (PullState state : states) {
        write.add(CanonicalRows.pullState(state));
      }
      write.commit();
    }
  }
}
