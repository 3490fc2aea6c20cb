package dev.incidents.ingest;

import dev.incidents.core.model.ActionItem;
import dev.incidents.core.model.Alert;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Incident;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Page;
import dev.incidents.core.model.Person;
import dev.incidents.core.model.Rejection;
import dev.incidents.core.model.Service;
import dev.incidents.core.model.TimelineEvent;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.TableSchema;
import dev.incidents.core.table.CanonicalRows;
import dev.incidents.lake.CommitResult;
import dev.incidents.lake.Lake;
import dev.incidents.lake.MemoryBudget;
import dev.incidents.lake.TableWrite;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the canonical rows of a run into one staged write per table, and commits them together
 * at the end. Nothing reaches the lake before {@link #commit()}.
 */
public final class LakeSink implements AutoCloseable {
  /** Commit order: incidents first, quarantine and the run record last. */
  static final List<TableSchema> TABLES =
      List.of(
          LakeTables.INCIDENTS,
          LakeTables.PEOPLE,
          LakeTables.SERVICES,
          LakeTables.TIMELINE_EVENTS,
          LakeTables.ALERTS,
          LakeTables.PAGES,
          LakeTables.CHAT_MESSAGES,
          LakeTables.ACTION_ITEMS,
          LakeTables.QUARANTINE,
          LakeTables.INGEST_RUNS);

  /** Records of one input are numbered below this; the input's number is above it. */
  private static final int RECORD_BITS = 36;

  private final Lake lake;
  private final Instant ingestedAt;
  private final MemoryBudget budget;
  private final Map<TableSchema, TableWrite> writes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, SourceStats> stats = new LinkedHashMap<>();

  /**
   * The inputs by number: concurrent, for the writers' threads compare origins as they stage and
   * report first origins as they merge.
   */
  private final Map<Integer, InputSink> inputs = new java.util.concurrent.ConcurrentHashMap<>();

  LakeSink(Lake lake, Instant ingestedAt, MemoryBudget budget) {
    this.lake = lake;
    this.ingestedAt = ingestedAt;
    this.budget = budget;
  }

  private TableWrite write(TableSchema table) {
    return writes.computeIfAbsent(
        table,
        t ->
            lake.upsert(t, budget)
                .preferring(rank(t))
                .orderIndependent()
                .reportingFirstOrigins(this::compareOrigins, this::firstOrigin));
  }

  /**
   * Origins order by input (source, then file name), then record: of two records that carry the
   * same row, the first in this order is written and the other is the duplicate, whatever order the
   * parallel parsers staged them in.
   */
  private int compareOrigins(long a, long b) {
    int inputA = (int) (a >>> RECORD_BITS);
    int inputB = (int) (b >>> RECORD_BITS);
    if (inputA == inputB) {
      return Long.compare(a, b);
    }
    return INPUT_ORDER.compare(inputs.get(inputA), inputs.get(inputB));
  }

  private static final java.util.Comparator<InputSink> INPUT_ORDER =
      java.util.Comparator.comparing((InputSink sink) -> sink.source)
          .thenComparing(sink -> sink.file)
          .thenComparingLong(sink -> sink.number);

  /** Called by the tables' merges, several at once. */
  private void firstOrigin(long origin) {
    InputSink sink = inputs.get((int) (origin >>> RECORD_BITS));
    synchronized (sink.first) {
      sink.first.set((int) (origin & ((1L << RECORD_BITS) - 1)));
    }
  }

  private static final int INCIDENT_UPDATED = LakeTables.INCIDENTS.indexOf("source_updated_at");
  private static final int ITEM_UPDATED = LakeTables.ACTION_ITEMS.indexOf("source_updated_at");
  private static final int MESSAGE_PINNED = LakeTables.CHAT_MESSAGES.indexOf("pinned");
  private static final int MESSAGE_REACTIONS = LakeTables.CHAT_MESSAGES.indexOf("reactions");

  /**
   * Which of two versions of one record stays, whatever the order they arrive in (the lake writer
   * breaks a tie by content hash): the later source update first, then lifecycle progress, which
   * only grows (an alert resolves, a page is acknowledged, an item is done, a message is edited).
   */
  static java.util.function.ToLongFunction<Object[]> rank(TableSchema table) {
    if (table == LakeTables.INCIDENTS) {
      int[] milestones =
          LakeTables.INCIDENTS.columns().stream()
              .filter(
                  column -> column.name().endsWith("_at") && !column.name().startsWith("source"))
              .mapToInt(column -> LakeTables.INCIDENTS.indexOf(column.name()))
              .toArray();
      int status = LakeTables.INCIDENTS.indexOf("status");
      // Progress: milestones filled, then the lifecycle (triage < active < resolved < closed or
      // another terminal state), for two versions with the same source update time (an API whose
      // updated_at did not move when the incident closed).
      return row ->
          versioned(row[INCIDENT_UPDATED], filled(row, milestones) * 4 + lifecycle(row[status]));
    }
    if (table == LakeTables.ACTION_ITEMS) {
      int status = table.indexOf("status");
      int completed = table.indexOf("completed_at");
      return row ->
          versioned(
              row[ITEM_UPDATED],
              ("open".equals(row[status]) ? 0 : 2) + (row[completed] != null ? 1 : 0));
    }
    if (table == LakeTables.ALERTS) {
      int resolved = table.indexOf("resolved_at");
      return row -> row[resolved] != null ? 1 : 0;
    }
    if (table == LakeTables.PAGES) {
      int acknowledged = table.indexOf("acknowledged_at");
      return row -> row[acknowledged] != null ? 1 : 0;
    }
    if (table == LakeTables.CHAT_MESSAGES) {
      int edited = table.indexOf("edited_at");
      int replies = table.indexOf("reply_count");
      return row ->
          versioned(
              row[edited],
              row[replies] == null ? 0 : Math.min(15, ((Number) row[replies]).longValue()));
    }
    if (table == LakeTables.PEOPLE) {
      return LakeSink::filledColumns;
    }
    return row -> 0;
  }

  /** A source time (an Instant, or UTC micros as the lake stores it) above a progress score. */
  private static long versioned(Object updated, long progress) {
    long millis =
        updated == null
            ? 0
            : updated instanceof Instant instant
                ? instant.toEpochMilli()
                : ((Number) updated).longValue() / 1000;
    return millis * 1024 + Math.min(1023, progress);
  }

  /** An incident status's place in the lifecycle; every terminal status ranks last. */
  private static long lifecycle(Object status) {
    if (status == null) {
      return 0;
    }
    return switch (status.toString()) {
      case "triage" -> 0;
      case "active" -> 1;
      case "resolved" -> 2;
      default -> 3; // closed, declined, merged, canceled, duplicate
    };
  }

  private static long filled(Object[] row, int[] indexes) {
    long filled = 0;
    for (int index : indexes) {
      if (row[index] != null) {
        filled++;
      }
    }
    return filled;
  }

  private static long filledColumns(Object[] row) {
    long filled = 0;
    for (Object value : row) {
      if (value != null) {
        filled++;
      }
    }
    return filled;
  }

  synchronized SourceStats stats(String source) {
    return stats.computeIfAbsent(source, s -> new SourceStats());
  }

  Map<String, SourceStats> allStats() {
    return stats;
  }

  /**
   * A sink for one input of one source: it tags rejections with the source and file, and accounts
   * for every record read exactly once: written (it added a row first), duplicate (every row it
   * carried was staged first by another record of this run), quarantined, or ignored (recognised,
   * nothing to store, such as a draft post-mortem). Which record of two carrying one row is first
   * is decided at commit, by input and record order, never by arrival. A rejection outside any
   * record (a whole file) counts as one record read and quarantined, so that read = written +
   * duplicates + quarantined + ignored always holds. One thread uses a sink at a time; its counts
   * reach the source's stats when the run finishes.
   */
  synchronized InputSink forInput(String source, String file) {
    InputSink sink = new InputSink(inputs.size(), source, file, stats(source));
    inputs.put((int) sink.number, sink);
    return sink;
  }

  final class InputSink implements RecordSink {
    private final long number;
    private final String source;
    private final String file;
    private final SourceStats sourceStats;
    private final SourceStats local = new SourceStats();
    private final java.util.BitSet carried = new java.util.BitSet();
    private final java.util.BitSet first = new java.util.BitSet();
    private int record = -1;
    private boolean open;
    private long added;
    private boolean rejected;
    private String unmappedPath;

    private InputSink(long number, String source, String file, SourceStats sourceStats) {
      this.number = number;
      this.source = source;
      this.file = file;
      this.sourceStats = sourceStats;
    }

    private void add(TableSchema table, Object[] row) {
      write(table).add(row, open ? (number << RECORD_BITS) | record : -1);
      added++;
    }

    /** Closes the accounting of the current record. */
    void finish() {
      if (!open) {
        return;
      }
      if (rejected) {
        local.quarantined++;
      } else if (added > 0) {
        carried.set(record);
      } else {
        local.ignored++;
        if (unmappedPath != null) {
          local.ignoredPaths.merge(unmappedPath, 1L, Long::sum);
        }
      }
      open = false;
      unmappedPath = null;
      added = 0;
      rejected = false;
    }

    /** Adds this input's final counts to its source's (after the commit decided duplicates). */
    void settle() {
      long written = 0;
      for (int i = carried.nextSetBit(0); i >= 0; i = carried.nextSetBit(i + 1)) {
        if (first.get(i)) {
          written++;
        }
      }
      local.written = written;
      local.duplicates = carried.cardinality() - written;
      sourceStats.add(local);
    }

    @Override
    public void incident(Incident incident) {
      incident(incident, java.util.Optional.empty());
    }

    @Override
    public void incident(Incident incident, java.util.Optional<Instant> updatedAt) {
      Object[] row = CanonicalRows.incident(incident);
      row[INCIDENT_UPDATED] = updatedAt.orElse(null);
      add(LakeTables.INCIDENTS, row);
    }

    @Override
    public void event(TimelineEvent event) {
      add(LakeTables.TIMELINE_EVENTS, CanonicalRows.timelineEvent(event));
    }

    @Override
    public void alert(Alert alert) {
      add(LakeTables.ALERTS, CanonicalRows.alert(alert));
    }

    @Override
    public void page(Page page) {
      add(LakeTables.PAGES, CanonicalRows.page(page));
    }

    @Override
    public void message(ChatMessage message) {
      add(LakeTables.CHAT_MESSAGES, CanonicalRows.chatMessage(message));
    }

    @Override
    public void message(ChatMessage message, boolean pinned, List<String> reactions) {
      Object[] row = CanonicalRows.chatMessage(message);
      row[MESSAGE_PINNED] = pinned;
      row[MESSAGE_REACTIONS] = reactions.isEmpty() ? null : List.copyOf(reactions);
      add(LakeTables.CHAT_MESSAGES, row);
    }

    @Override
    public void actionItem(ActionItem item) {
      actionItem(item, java.util.Optional.empty());
    }

    @Override
    public void actionItem(ActionItem item, java.util.Optional<Instant> updatedAt) {
      Object[] row = CanonicalRows.actionItem(item);
      row[ITEM_UPDATED] = updatedAt.orElse(null);
      add(LakeTables.ACTION_ITEMS, row);
    }

    @Override
    public void person(Person person) {
      add(LakeTables.PEOPLE, CanonicalRows.person(person));
    }

    @Override
    public void service(Service service) {
      add(LakeTables.SERVICES, CanonicalRows.service(service));
    }

    @Override
    public void read() {
      finish();
      local.read++;
      record++;
      open = true;
    }

    @Override
    public void observe(String observation) {
      local.observations.merge(observation, 1L, Long::sum);
    }

    @Override
    public void unmapped(String path) {
      unmappedPath = path;
    }

    @Override
    public void ignore(String path) {
      local.read++;
      local.ignored++;
      local.ignoredPaths.merge(path, 1L, Long::sum);
    }

    @Override
    public void reject(String position, IngestErrorCode code, String message, String raw) {
      boolean outsideRecord = !open;
      if (outsideRecord) {
        local.read++;
        record++;
        open = true;
      }
      rejected = true;
      local.quarantineRows++;
      write(LakeTables.QUARANTINE)
          .add(
              CanonicalRows.rejection(
                  new Rejection(source, file, position, code, message, raw, ingestedAt)));
      if (outsideRecord) {
        finish();
      }
    }
  }

  /** Closes the accounting of every input's last record. */
  synchronized void finishAll() {
    for (InputSink sink : inputs.values()) {
      sink.finish();
    }
  }

  void record(TableSchema table, Object[] row) {
    write(table).add(row);
  }

  /**
   * Commits the canonical tables, which decides which record of each staged row was first; then the
   * stats are final, {@code runRows} gives the run's {@code ingest_runs} rows from them, and
   * quarantine and the run record are committed last. Returns what each commit did, in order.
   */
  synchronized Map<String, CommitResult> commit(
      java.util.function.Function<Map<String, SourceStats>, List<Object[]>> runRows) {
    Map<String, CommitResult> results = new LinkedHashMap<>();
    // The canonical tables merge and write at once (each on its own thread, each writing its
    // partitions in parallel), then publish in order.
    List<TableSchema> canonical =
        TABLES.stream()
            .filter(t -> t != LakeTables.QUARANTINE && t != LakeTables.INGEST_RUNS)
            .filter(writes::containsKey)
            .toList();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(canonical.size(), Runtime.getRuntime().availableProcessors())),
            runnable -> {
              Thread thread = new Thread(runnable, "lake-merge");
              thread.setDaemon(true);
              return thread;
            });
    Map<TableSchema, java.util.concurrent.Future<TableWrite.Prepared>> prepared =
        new LinkedHashMap<>();
    List<TableWrite.Prepared> ready = new java.util.ArrayList<>();
    try {
      for (TableSchema table : canonical) {
        TableWrite write = writes.remove(table);
        prepared.put(table, pool.submit(write::prepare));
      }
      RuntimeException failure = null;
      for (TableSchema table : canonical) {
        try {
          ready.add(prepared.get(table).get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = IngestJob.cause(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      for (int i = 0; i < canonical.size(); i++) {
        results.put(canonical.get(i).name(), ready.get(i).publish());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while committing", e);
    } finally {
      for (TableWrite.Prepared commit : ready) {
        commit.close();
      }
      pool.shutdownNow();
    }
    List<InputSink> ordered = new java.util.ArrayList<>(inputs.values());
    ordered.sort(INPUT_ORDER);
    for (InputSink sink : ordered) {
      sink.settle();
    }
    for (Object[] row : runRows.apply(stats)) {
      record(LakeTables.INGEST_RUNS, row);
    }
    for (TableSchema table : List.of(LakeTables.QUARANTINE, LakeTables.INGEST_RUNS)) {
      TableWrite write = writes.remove(table);
      if (write != null) {
        results.put(table.name(), write.commit());
      }
    }
    return results;
  }

  @Override
  public void close() {
    for (TableWrite write : writes.values()) {
      write.close();
    }
    writes.clear();
  }
}
