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
import dev.incidents.lake.TableWrite;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the canonical rows of a run into one staged write per table, and commits them together
 * at the end. Nothing reaches the lake before {@link #commit()}.
 */
final class LakeSink implements AutoCloseable {
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

  private final Lake lake;
  private final Instant ingestedAt;
  private final Map<TableSchema, TableWrite> writes = new LinkedHashMap<>();
  private final Map<String, SourceStats> stats = new LinkedHashMap<>();

  LakeSink(Lake lake, Instant ingestedAt) {
    this.lake = lake;
    this.ingestedAt = ingestedAt;
  }

  private synchronized TableWrite write(TableSchema table) {
    return writes.computeIfAbsent(
        table,
        t -> {
          TableWrite write = lake.upsert(t);
          if (t == LakeTables.ALERTS) {
            int resolved = t.indexOf("resolved_at");
            write.preferring(row -> row[resolved] != null ? 1 : 0);
          } else if (t == LakeTables.PEOPLE) {
            write.preferring(LakeSink::filledColumns);
          }
          return write;
        });
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

  /** A sink for one input of one source: it tags rejections with the source and file. */
  RecordSink forInput(String source, String file) {
    SourceStats sourceStats = stats(source);
    return new RecordSink() {
      private synchronized void add(TableSchema table, Object[] row) {
        if (write(table).add(row)) {
          sourceStats.duplicates++;
        }
        sourceStats.written++;
      }

      @Override
      public void incident(Incident incident) {
        add(LakeTables.INCIDENTS, CanonicalRows.incident(incident));
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
      public void actionItem(ActionItem item) {
        add(LakeTables.ACTION_ITEMS, CanonicalRows.actionItem(item));
      }

      @Override
      public void person(Person person) {
        synchronized (this) {
          write(LakeTables.PEOPLE).add(CanonicalRows.person(person));
        }
      }

      @Override
      public void service(Service service) {
        synchronized (this) {
          write(LakeTables.SERVICES).add(CanonicalRows.service(service));
        }
      }

      @Override
      public void read() {
        synchronized (this) {
          sourceStats.read++;
        }
      }

      @Override
      public void reject(String position, IngestErrorCode code, String message, String raw) {
        synchronized (this) {
          sourceStats.quarantined++;
          write(LakeTables.QUARANTINE)
              .add(
                  CanonicalRows.rejection(
                      new Rejection(source, file, position, code, message, raw, ingestedAt)));
        }
      }
    };
  }

  synchronized void record(TableSchema table, Object[] row) {
    write(table).add(row);
  }

  /** Commits every table in order; returns what each commit did. */
  synchronized Map<String, CommitResult> commit() {
    Map<String, CommitResult> results = new LinkedHashMap<>();
    for (TableSchema table : TABLES) {
      TableWrite write = writes.remove(table);
      if (write != null) {
        results.put(table.name(), write.commit());
      }
    }
    return results;
  }

  @Override
  public synchronized void close() {
    for (TableWrite write : writes.values()) {
      write.close();
    }
    writes.clear();
  }
}
