package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.IngestRun;
import dev.incidents.core.table.CanonicalRows;
import dev.incidents.ingest.chat.TeamsReader;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.input.InputCollector;
import dev.incidents.ingest.input.InputCollector.Bundle;
import dev.incidents.ingest.input.InputCollector.Collected;
import dev.incidents.ingest.input.InputCollector.Refusal;
import dev.incidents.ingest.slack.SlackReader;
import dev.incidents.lake.CommitResult;
import dev.incidents.lake.Lake;
import dev.incidents.lake.MemoryBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * {@code incidents ingest}: expands the inputs, detects each file's format from its content, reads
 * each with its source's reader ({@link Sources}), stages every canonical row, and commits the
 * tables at the end. Readers are independent: none reads the lake or another source's records, so
 * the order and grouping of ingests never change the result (links across tools are derived in the
 * transform). Nothing reaches the lake before the commit, so a killed run leaves the previous lake
 * as it was; re-running is idempotent.
 */
public final class IngestJob {
  private final Lake lake;
  private final Config config;
  private final Optional<Format> forcedFormat;
  private final ZoneId sourceZone;
  private final ArchiveLimits limits;
  private int threads = Runtime.getRuntime().availableProcessors();
  private MemoryBudget budget = MemoryBudget.fromHeap();

  public IngestJob(Lake lake, Config config, Optional<Format> forcedFormat, ArchiveLimits limits) {
    this.lake = lake;
    this.config = config;
    this.forcedFormat = forcedFormat;
    this.sourceZone = config.getZone(ConfigKeys.SOURCE_TIMEZONE);
    this.limits = limits;
  }

  /** Parser threads (default: the cores); the lake written is the same for any number. */
  public IngestJob threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Invalid thread count: " + threads + " (expected >= 1)");
    }
    this.threads = threads;
    return this;
  }

  /** The heap the staged rows may hold before they spill to sorted runs on disk. */
  public IngestJob memory(MemoryBudget budget) {
    this.budget = budget;
    return this;
  }

  /** A file the user named whose format cannot be told. */
  public static final class UndetectedFormatException extends RuntimeException {
    public UndetectedFormatException(String message) {
      super(message);
    }
  }

  /** The source name under which files of no known format are counted and quarantined. */
  public static final String UNKNOWN_SOURCE = "unknown";

  record Work(Format format, Input file, Bundle bundle) {
    String name() {
      return file != null ? file.name() : bundle.name();
    }

    long size() {
      if (file != null) {
        return Math.max(0, file.size());
      }
      return bundle.files().values().stream().mapToLong(input -> Math.max(0, input.size())).sum();
    }
  }

  /**
   * Parses every input on {@link #threads} parser threads, largest first. Each thread has its own
   * context (redaction counts); rows go to the lake writes' per-thread buffers. The commit orders
   * rows by key, so the lake does not depend on which thread parsed what, or when. The first
   * failure, in input order, is the one reported. Returns the threads' contexts.
   */
  private List<IngestContext> parseAll(
      List<Work> work, LakeSink lakeSink, TeamsReader teams, LongConsumer progressBytes) {
    List<IngestContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Work> schedule = new ArrayList<>(work);
    schedule.sort(Comparator.comparingLong(Work::size).reversed().thenComparing(Work::name));
    ThreadLocal<IngestContext> context =
        ThreadLocal.withInitial(
            () -> {
              IngestContext created = new IngestContext(config, sourceZone);
              contexts.add(created);
              return created;
            });
    int parsers = Math.max(1, Math.min(threads, schedule.size()));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            parsers,
            runnable -> {
              Thread thread = new Thread(runnable, "ingest-parser");
              thread.setDaemon(true);
              return thread;
            });
    Map<Work, java.util.concurrent.Future<?>> futures = new java.util.LinkedHashMap<>();
    try {
      for (Work item : schedule) {
        futures.put(
            item, pool.submit(() -> parse(item, context.get(), lakeSink, teams, progressBytes)));
      }
      RuntimeException failure = null;
      for (Work item : work) {
        try {
          futures.get(item).get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (failure == null) {
            failure = cause(e);
            pool.shutdownNow();
          }
        } catch (java.util.concurrent.CancellationException e) {
          // cancelled after an earlier failure
        }
      }
      if (failure != null) {
        throw failure;
      }
      return contexts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while parsing", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The cause of a failed task, unchecked. */
  static RuntimeException cause(java.util.concurrent.ExecutionException failed) {
    return failed.getCause() instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failed.getCause());
  }

  private void parse(
      Work item,
      IngestContext context,
      LakeSink lakeSink,
      TeamsReader teams,
      LongConsumer progressBytes) {
    long itemStarted = System.nanoTime();
    long redactionsBefore = context.redactor().total();
    SourceStats counted = new SourceStats();
    if (item.bundle() != null) {
      new SlackReader().read(item.bundle(), context, lakeSink::forInput);
      counted.files += item.bundle().files().size();
    } else {
      RecordSink sink = lakeSink.forInput(item.format().value(), item.file().name());
      if (item.format() == Format.TEAMS) {
        teams.read(item.file(), context, sink);
      } else {
        Sources.of(item.format()).reader().read(item.file(), context, sink, lakeSink);
      }
      counted.files++;
    }
    // Redactions are counted for the source whose text they were found in.
    counted.redactions += context.redactor().total() - redactionsBefore;
    counted.bytes += item.size();
    counted.nanos += System.nanoTime() - itemStarted;
    lakeSink.stats(item.format().value()).add(counted);
    synchronized (progressBytes) {
      progressBytes.accept(item.size());
    }
  }

  /** Runs the ingest; {@code progressBytes} receives the size of each input as it is done. */
  public IngestSummary run(List<Path> paths, LongConsumer progressBytes) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId = "ingest-" + startedAt.toString().replaceAll("[^0-9]", "").substring(0, 17);
    InputCollector collector = new InputCollector(limits);
    try (LakeSink lakeSink = new LakeSink(lake, startedAt, budget)) {
      Collected collected = collector.collect(paths);
      List<Work> work = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (Input input : collected.files()) {
        Optional<Format> format;
        try {
          format = forcedFormat.isPresent() ? forcedFormat : FormatDetector.detect(input);
        } catch (IOException | RuntimeException e) {
          format = Optional.empty();
        }
        if (format.isEmpty()) {
          boolean named = paths.stream().anyMatch(path -> path.toString().equals(input.name()));
          if (named) {
            throw new UndetectedFormatException(
                "Cannot detect the format of " + input.name() + " (use --format)");
          }
          if (FormatDetector.notAnExport(input)) {
            skipped.add(input.name());
            continue;
          }
          // No silent loss: a file of no known format inside a folder is a quarantined record.
          unknown.add(input.name());
          lakeSink
              .forInput(UNKNOWN_SOURCE, input.name())
              .reject(
                  "/",
                  IngestErrorCode.UNKNOWN_FORMAT,
                  "Cannot detect the format of "
                      + input.name()
                      + ": its content matches no source (read it alone with --format)",
                  "");
          lakeSink.stats(UNKNOWN_SOURCE).files++;
          continue;
        }
        work.add(new Work(format.get(), input, null));
      }
      for (Bundle bundle : collected.bundles()) {
        work.add(new Work(Format.SLACK, null, bundle));
      }
      // Only for reproducible staging: no reader depends on another having run first.
      work.sort(Comparator.comparing(Work::name).thenComparing(Work::format));
      for (Refusal refusal : collected.refusals()) {
        lakeSink
            .forInput("archive", refusal.name())
            .reject("/", refusal.code(), refusal.message(), "");
      }
      // Teams messages take their authors' names from the users lists among the run's Teams files.
      TeamsReader teams =
          new TeamsReader(
              TeamsReader.displayNames(
                  work.stream().filter(w -> w.format() == Format.TEAMS).map(Work::file).toList()));
      List<IngestContext> contexts = parseAll(work, lakeSink, teams, progressBytes);
      lakeSink.finishAll();
      Instant finishedAt = Instant.now();
      Map<String, CommitResult> tables =
          lakeSink.commit(
              allStats -> {
                List<Object[]> rows = new ArrayList<>();
                for (Map.Entry<String, SourceStats> entry : allStats.entrySet()) {
                  SourceStats stats = entry.getValue();
                  rows.add(
                      CanonicalRows.ingestRun(
                          new IngestRun(
                              runId,
                              startedAt,
                              finishedAt,
                              entry.getKey(),
                              stats.files,
                              stats.read,
                              stats.written,
                              stats.duplicates,
                              stats.quarantined)));
                }
                return rows;
              });
      long quarantined = 0;
      for (SourceStats stats : lakeSink.allStats().values()) {
        quarantined += stats.quarantined;
      }
      Map<String, Long> redactions = new java.util.TreeMap<>();
      for (IngestContext context : contexts) {
        context
            .redactor()
            .counts()
            .forEach((kind, count) -> redactions.merge(kind, count, Long::sum));
      }
      return new IngestSummary(
          runId,
          lakeSink.allStats(),
          tables,
          redactions,
          skipped,
          unknown,
          quarantined,
          (System.nanoTime() - started) / 1e9);
    } finally {
      collector.close();
    }
  }
}
