package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.model.PullState;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.pull.http.ApiClient;
import dev.incidents.pull.http.RetrySettings;
import dev.incidents.pull.incidentio.IncidentIoCollector;
import dev.incidents.pull.jira.JiraCollector;
import dev.incidents.pull.opsgenie.OpsgenieCollector;
import dev.incidents.pull.pagerduty.PagerDutyCollector;
import dev.incidents.pull.slack.SlackCollector;
import dev.incidents.pull.statuspage.StatuspageCollector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code incidents pull}: for each source, fetch the window into a raw run folder (every page
 * verbatim), then ingest the complete folders in one ingest run, and only after that commit advance
 * each source's watermark in {@code pull_state}. A source that fails leaves its watermark and the
 * lake as they were; its partial pages stay in {@code <run-id>.partial} and the next run fetches
 * the same window again.
 */
public final class PullJob {
  /** Each run re-reads this much before the watermark: several APIs filter by day. */
  public static final Duration OVERLAP = Duration.ofDays(1);

  /** The window start of a first run. */
  public static final int FIRST_RUN_MONTHS = 13;

  private final Lake lake;
  private final Config config;
  private final Path rawRoot;
  private final RetrySettings retry;
  private final Clock clock;
  private final PullProgress progress;

  public PullJob(
      Lake lake,
      Config config,
      Path rawRoot,
      RetrySettings retry,
      Clock clock,
      PullProgress progress) {
    this.lake = requireNonNull(lake, "lake is null");
    this.config = requireNonNull(config, "config is null");
    this.rawRoot = requireNonNull(rawRoot, "rawRoot is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** The raw folder beside a lake folder: {@code data/lake} → {@code data/raw}. */
  public static Path rawRootOf(Path lakeRoot) {
    Path absolute = lakeRoot.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    return parent == null ? absolute.resolve("raw") : parent.resolve("raw");
  }

  /** Every source configured under {@code sources:} (any key set outside the defaults). */
  public static List<PullSource> configuredSources(Config config) {
    List<PullSource> sources = new ArrayList<>();
    for (PullSource source : PullSource.values()) {
      if (SourceSettings.configured(config, source)) {
        sources.add(source);
      }
    }
    return sources;
  }

  private final Map<PullSource, Collector> overrides = new EnumMap<>(PullSource.class);

  /** Uses {@code collector} for {@code source} instead of the one the configuration builds. */
  public PullJob withCollector(PullSource source, Collector collector) {
    overrides.put(source, collector);
    return this;
  }

  /** The collector of a source, from its configuration. */
  public Collector collector(PullSource source) {
    if (overrides.containsKey(source)) {
      return overrides.get(source);
    }
    SourceSettings settings = SourceSettings.from(config, source);
    return switch (source) {
      case PAGERDUTY ->
          new PagerDutyCollector(
              settings, config.getList(ConfigKeys.SOURCES_PAGERDUTY_SERVICE_IDS));
      case INCIDENTIO -> new IncidentIoCollector(settings);
      case SLACK -> new SlackCollector(settings, config.getList(ConfigKeys.SOURCES_SLACK_CHANNELS));
      case JIRA ->
          new JiraCollector(
              settings,
              config.get(ConfigKeys.SOURCES_JIRA_EMAIL),
              config.get(ConfigKeys.SOURCES_JIRA_JQL));
      case OPSGENIE -> new OpsgenieCollector(settings);
      case STATUSPAGE ->
          new StatuspageCollector(settings, config.get(ConfigKeys.SOURCES_STATUSPAGE_PAGE));
    };
  }

  /**
   * The window of a source: explicit flags, else the watermark minus the overlap, else 13 months.
   */
  public Window window(Optional<PullState> previous, PullOptions options, Instant runStart) {
    Instant until = options.until().orElse(runStart);
    Instant since;
    if (options.since().isPresent()) {
      since = options.since().get();
    } else if (previous.isPresent() && !options.full()) {
      since = previous.get().watermark().minus(OVERLAP);
    } else {
      since =
          runStart
              .atOffset(ZoneOffset.UTC)
              .minusMonths(FIRST_RUN_MONTHS)
              .toInstant()
              .truncatedTo(ChronoUnit.SECONDS);
    }
    return new Window(since, until);
  }

  /**
   * {@code pull-<UTC yyyyMMddHHmmssSSS>}, with a {@code -2}, {@code -3}... suffix when a run of the
   * same millisecond left a folder, so that a run folder is never reused.
   */
  String runId(Instant now) {
    String base =
        "pull-"
            + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
                .withZone(ZoneOffset.UTC)
                .format(now);
    String candidate = base;
    for (int suffix = 2; taken(candidate); suffix++) {
      candidate = base + "-" + suffix;
    }
    return candidate;
  }

  private boolean taken(String runId) {
    for (PullSource source : PullSource.values()) {
      Path folder = rawRoot.resolve(source.value());
      for (String name : List.of(runId, runId + ".partial", runId + RawRun.VERBATIM)) {
        if (java.nio.file.Files.exists(folder.resolve(name))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A server could echo a token in an error body: no line ever shows it. */
  private String redact(String message, PullSource source) {
    String token = config.get(source.tokenKey()).trim();
    return token.length() >= 4 ? message.replace(token, "****") : message;
  }

  public PullSummary run(List<PullSource> sources, PullOptions options) {
    Instant runStart = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String runId = runId(clock.instant());
    PullStateStore store = new PullStateStore(lake);
    List<String> lines = new ArrayList<>();
    Map<PullSource, PullCounters> counters = new EnumMap<>(PullSource.class);
    Map<PullSource, PullException> failures = new EnumMap<>(PullSource.class);
    Map<PullSource, PullState> fresh = new LinkedHashMap<>();
    List<Path> folders = new ArrayList<>();
    for (PullSource source : sources) {
      PullCounters count = new PullCounters(source.value());
      counters.put(source, count);
      Collector collector;
      Window window;
      Optional<PullState> previous;
      try {
        collector = collector(source);
        previous = store.find(source, collector.scope());
        window = window(previous, options, runStart);
      } catch (PullException e) {
        failures.put(source, e);
        lines.add(source.value() + ": " + e.getMessage());
        continue;
      }
      if (options.dryRun()) {
        lines.add(
            source.value()
                + ": would fetch "
                + window.since()
                + " to "
                + window.until()
                + previous.map(p -> " (watermark " + p.watermark() + ")").orElse(" (first run)"));
        collector.plan(window, previous).forEach(line -> lines.add("  " + line));
        continue;
      }
      RawRun raw = null;
      try {
        Map<String, String> headers = collector.headers();
        List<String> secrets =
            SourceSettings.from(config, source).token().map(List::of).orElse(List.of());
        raw = new RawRun(rawRoot, source, runId, secrets);
        ApiClient client = new ApiClient(retry, clock, headers, count, progress);
        Collector.Result result = collector.collect(window, previous, client, raw);
        count.finish();
        Path folder = raw.commit();
        if (raw.files() > 0) {
          folders.add(folder);
        }
        lines.add(count.line() + " -> " + folder);
        if (raw.originals() + raw.emptyPages() > 0) {
          lines.add(
              "  "
                  + source.value()
                  + ": "
                  + raw.originals()
                  + " verbatim page(s) re-laid-out in the run folder and "
                  + raw.emptyPages()
                  + " page(s) without records kept in "
                  + folder.getFileName()
                  + RawRun.VERBATIM);
        }
        lines.addAll(result.notes());
        Instant watermark = window.until();
        boolean contiguous =
            previous.isEmpty() || !window.since().isAfter(previous.get().watermark());
        if (previous.isPresent() && !contiguous) {
          lines.add(
              "  "
                  + source.value()
                  + ": --since is after the watermark "
                  + previous.get().watermark()
                  + "; the watermark stays, so the gap is fetched next run");
          watermark = previous.get().watermark();
        } else if (previous.isPresent() && previous.get().watermark().isAfter(watermark)) {
          watermark = previous.get().watermark();
        }
        fresh.put(
            source,
            new PullState(
                source.value(),
                collector.scope(),
                watermark,
                runId,
                clock.instant().isBefore(watermark) ? watermark : clock.instant(),
                result.records(),
                result.pendingIds()));
      } catch (PullException e) {
        count.finish();
        failures.put(source, e);
        lines.add(
            source.value()
                + ": failed, watermark unchanged: "
                + redact(e.getMessage(), source)
                + (raw == null ? "" : " (pages so far in " + raw.partialFolder() + ")"));
      }
      progress.update(count);
    }
    Optional<IngestSummary> ingest = Optional.empty();
    if (!folders.isEmpty()) {
      ingest =
          Optional.of(
              new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT)
                  .run(folders, bytes -> {}));
    }
    // the ingest committed (it throws otherwise): now, and only now, the watermarks advance
    store.commit(fresh.values());
    return new PullSummary(runId, counters, failures, lines, ingest);
  }
}
