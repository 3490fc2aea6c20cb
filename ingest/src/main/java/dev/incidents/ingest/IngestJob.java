package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.IngestRun;
import dev.incidents.core.schema.LakeTables;
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

  public IngestJob(Lake lake, Config config, Optional<Format> forcedFormat, ArchiveLimits limits) {
    this.lake = lake;
    this.config = config;
    this.forcedFormat = forcedFormat;
    this.sourceZone = config.getZone(ConfigKeys.SOURCE_TIMEZONE);
    this.limits = limits;
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

  /** Runs the ingest; {@code progressBytes} receives the size of each input as it is done. */
  public IngestSummary run(List<Path> paths, LongConsumer progressBytes) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    String runId = "ingest-" + startedAt.toString().replaceAll("[^0-9]", "").substring(0, 17);
    InputCollector collector = new InputCollector(limits);
    try (LakeSink lakeSink = new LakeSink(lake, startedAt)) {
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
      IngestContext context = new IngestContext(config, sourceZone);
      // Teams messages take their authors' names from the users lists among the run's Teams files.
      TeamsReader teams =
          new TeamsReader(
              TeamsReader.displayNames(
                  work.stream().filter(w -> w.format() == Format.TEAMS).map(Work::file).toList()));
      for (Work item : work) {
        long itemStarted = System.nanoTime();
        long redactionsBefore = context.redactor().total();
        SourceStats stats = lakeSink.stats(item.format().value());
        if (item.bundle() != null) {
          new SlackReader().read(item.bundle(), context, lakeSink::forInput);
          stats.files += item.bundle().files().size();
        } else {
          RecordSink sink = lakeSink.forInput(item.format().value(), item.file().name());
          if (item.format() == Format.TEAMS) {
            teams.read(item.file(), context, sink);
          } else {
            Sources.of(item.format()).reader().read(item.file(), context, sink, lakeSink);
          }
          stats.files++;
        }
        // Redactions are counted for the source whose text they were found in.
        stats.redactions += context.redactor().total() - redactionsBefore;
        stats.bytes += item.size();
        stats.nanos += System.nanoTime() - itemStarted;
        progressBytes.accept(item.size());
      }
      lakeSink.finishAll();
      Instant finishedAt = Instant.now();
      long quarantined = 0;
      for (Map.Entry<String, SourceStats> entry : lakeSink.allStats().entrySet()) {
        SourceStats stats = entry.getValue();
        quarantined += stats.quarantined;
        lakeSink.record(
            LakeTables.INGEST_RUNS,
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
      Map<String, CommitResult> tables = lakeSink.commit();
      return new IngestSummary(
          runId,
          lakeSink.allStats(),
          tables,
          context.redactor().counts(),
          skipped,
          unknown,
          quarantined,
          (System.nanoTime() - started) / 1e9);
    } finally {
      collector.close();
    }
  }
}
