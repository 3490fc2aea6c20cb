package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.IngestRun;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.table.CanonicalRows;
import dev.incidents.ingest.alertmanager.AlertmanagerReader;
import dev.incidents.ingest.canonical.CanonicalReader;
import dev.incidents.ingest.incidentio.IncidentIoReader;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.input.InputCollector;
import dev.incidents.ingest.input.InputCollector.Bundle;
import dev.incidents.ingest.input.InputCollector.Collected;
import dev.incidents.ingest.input.InputCollector.Refusal;
import dev.incidents.ingest.jira.JiraReader;
import dev.incidents.ingest.link.IncidentDirectory;
import dev.incidents.ingest.opsgenie.OpsgenieReader;
import dev.incidents.ingest.pagerduty.PagerDutyReader;
import dev.incidents.ingest.postmortems.PostmortemReader;
import dev.incidents.ingest.slack.SlackReader;
import dev.incidents.ingest.statuspage.StatuspageReader;
import dev.incidents.lake.CommitResult;
import dev.incidents.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * {@code incidents ingest}: expands the inputs, detects each file's format from its content, reads
 * incident tools first (so everything else can link to them), stages every canonical row, and
 * commits the tables at the end. Nothing reaches the lake before the commit, so a killed run leaves
 * the previous lake as it was; re-running is idempotent.
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

  record Work(Format format, Input file, Bundle bundle, int order) {
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
          skipped.add(input.name());
          continue;
        }
        work.add(new Work(format.get(), input, null, FormatDetector.readOrder(input)));
      }
      for (Bundle bundle : collected.bundles()) {
        work.add(new Work(Format.SLACK, null, bundle, 0));
      }
      work.sort(
          Comparator.comparing(Work::format)
              .thenComparingInt(Work::order)
              .thenComparing(Work::name));
      for (Refusal refusal : collected.refusals()) {
        lakeSink
            .forInput("archive", refusal.name())
            .reject("/", refusal.code(), refusal.message(), "");
      }
      IncidentDirectory directory = seedDirectory();
      IngestContext context = new IngestContext(config, directory, sourceZone);
      for (Work item : work) {
        long itemStarted = System.nanoTime();
        SourceStats stats = lakeSink.stats(item.format().value());
        if (item.bundle() != null) {
          new SlackReader().read(item.bundle(), context, lakeSink::forInput);
          stats.files += item.bundle().files().size();
        } else {
          RecordSink sink = lakeSink.forInput(item.format().value(), item.file().name());
          readFile(item, context, sink, lakeSink);
          stats.files++;
        }
        stats.bytes += item.size();
        stats.nanos += System.nanoTime() - itemStarted;
        progressBytes.accept(item.size());
      }
      long redactionTotal = context.redactor().total();
      lakeSink.stats("slack").redactions += redactionTotal;
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
          quarantined,
          (System.nanoTime() - started) / 1e9);
    } finally {
      collector.close();
    }
  }

  private void readFile(Work item, IngestContext context, RecordSink sink, LakeSink lakeSink) {
    Input input = item.file();
    switch (item.format()) {
      case INCIDENTIO -> new IncidentIoReader().read(input, context, sink);
      case PAGERDUTY -> new PagerDutyReader().read(input, context, sink);
      case OPSGENIE -> new OpsgenieReader().read(input, context, sink);
      case STATUSPAGE -> new StatuspageReader().read(input, context, sink);
      case ALERTMANAGER -> new AlertmanagerReader("alertmanager").read(input, context, sink);
      case GRAFANA -> new AlertmanagerReader("grafana").read(input, context, sink);
      case JIRA -> new JiraReader().read(input, context, sink);
      case POSTMORTEMS -> new PostmortemReader().read(input, context, sink);
      case CANONICAL ->
          CanonicalReader.read(
              input,
              context,
              sink,
              CanonicalTables::match,
              (table, row) -> lakeSink.record(table, row));
      case MATTERMOST ->
          new dev.incidents.ingest.chat.MattermostReader().read(input, context, sink);
      case TEAMS -> new dev.incidents.ingest.chat.TeamsReader().read(input, context, sink);
      // incidents receive's spool (issue 18): each line's body goes to its endpoint's reader.
      case SPOOL -> new dev.incidents.ingest.spool.SpoolReader().read(input, context, sink);
      case SLACK ->
          sink.reject(
              "/",
              IngestErrorCode.UNSUPPORTED_FORMAT,
              "Cannot read "
                  + input.name()
                  + ": "
                  + item.format().value()
                  + " files are read as a whole export, not one by one",
              "");
    }
  }

  /** The incidents already in the lake, so a run that adds only chat or Jira still links. */
  private IncidentDirectory seedDirectory() {
    IncidentDirectory directory =
        new IncidentDirectory(
            config.get(ConfigKeys.PRIMARY_INCIDENT_SOURCE),
            Pattern.compile(config.get(ConfigKeys.CHANNEL_PATTERN)),
            Pattern.compile(config.get(ConfigKeys.JIRA_PATTERN)));
    var table = LakeTables.INCIDENTS;
    int id = table.indexOf("incident_id");
    int source = table.indexOf("source");
    int external = table.indexOf("external_id");
    int number = table.indexOf("incident_number");
    int channelId = table.indexOf("chat_channel_id");
    int channelName = table.indexOf("chat_channel_name");
    int title = table.indexOf("title");
    int reported = table.indexOf("reported_at");
    try {
      lake.read(
          table,
          row -> {
            directory.register(
                (String) row[id],
                (String) row[source],
                (String) row[external],
                (Long) row[number],
                (String) row[channelId],
                (String) row[channelName]);
            directory.registerTitle((String) row[id], (String) row[title], (Instant) row[reported]);
          });
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(
          "Cannot read the lake's incidents at " + lake.root(), e.getCause());
    }
    return directory;
  }
}
