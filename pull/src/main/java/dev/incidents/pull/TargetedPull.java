package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.config.Config;
import dev.incidents.core.model.PullState;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.pull.http.ApiClient;
import dev.incidents.pull.http.RetrySettings;
import dev.incidents.pull.incidentio.IncidentIoCollector;
import dev.incidents.pull.pagerduty.PagerDutyCollector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pull a webhook triggers: after {@code incidents ingest SPOOL_DIR} committed, exactly the
 * PagerDuty and incident.io incidents its events name are fetched by id (the incident, then its log
 * entries, alerts and notes, or its updates, follow-ups and alert attributions) into a raw run
 * folder and ingested, as {@code incidents pull} does. The webhook is a trigger, never the truth:
 * the incident row always comes from the API, so an event that arrives out of order cannot regress
 * it. A {@code pull_state} row per source with scope {@code webhooks} keeps the latest {@code
 * received_at} handled, so re-ingesting the same closed segments does not pull again; it advances
 * only after the ingest committed.
 */
public final class TargetedPull {
  /** The {@code pull_state} scope of the webhook triggers. */
  public static final String SCOPE = "webhooks";

  private final Lake lake;
  private final Config config;
  private final Path rawRoot;
  private final RetrySettings retry;
  private final Clock clock;

  public TargetedPull(Lake lake, Config config, Path rawRoot, RetrySettings retry, Clock clock) {
    this.lake = requireNonNull(lake, "lake is null");
    this.config = requireNonNull(config, "config is null");
    this.rawRoot = requireNonNull(rawRoot, "rawRoot is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What ran: lines to print, the sources that failed, and the ingest of the fetched folders. */
  public record Outcome(
      List<String> lines, Map<PullSource, PullException> failures, Optional<IngestSummary> ingest) {
    public Outcome {
      lines = List.copyOf(lines);
      failures = Map.copyOf(failures);
    }
  }

  /** The webhook endpoint of a source, as the spool names it. */
  public static Optional<PullSource> sourceOf(String endpoint) {
    return switch (endpoint) {
      case "pagerduty" -> Optional.of(PullSource.PAGERDUTY);
      case "incidentio" -> Optional.of(PullSource.INCIDENTIO);
      default -> Optional.empty();
    };
  }

  /**
   * Runs the targeted pull of {@code targets} (endpoint → vendor incident id → latest received_at).
   * A source without a token gets one line saying the events were stored and no pull ran.
   */
  public Outcome run(Map<String, Map<String, Instant>> targets) {
    PullStateStore store = new PullStateStore(lake);
    List<String> lines = new ArrayList<>();
    Map<PullSource, PullException> failures = new EnumMap<>(PullSource.class);
    List<PullState> fresh = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    PullJob job = new PullJob(lake, config, rawRoot, retry, clock, PullProgress.NONE);
    String runId = job.runId(clock.instant()).replaceFirst("^pull-", "webhook-pull-");
    for (Map.Entry<String, Map<String, Instant>> entry : targets.entrySet()) {
      Optional<PullSource> known = sourceOf(entry.getKey());
      if (known.isEmpty() || entry.getValue().isEmpty()) {
        continue;
      }
      PullSource source = known.get();
      Optional<PullState> previous = store.find(source, SCOPE);
      Instant handled = previous.map(PullState::watermark).orElse(Instant.MIN);
      TreeSet<String> ids = new TreeSet<>();
      Instant latest = handled;
      for (Map.Entry<String, Instant> target : entry.getValue().entrySet()) {
        if (target.getValue().isAfter(handled)) {
          ids.add(target.getKey());
          latest = target.getValue().isAfter(latest) ? target.getValue() : latest;
        }
      }
      if (ids.isEmpty()) {
        continue;
      }
      SourceSettings settings;
      try {
        settings = SourceSettings.from(config, source);
      } catch (PullException e) {
        failures.put(source, e);
        lines.add(source.value() + ": no targeted pull: " + e.getMessage());
        continue;
      }
      if (settings.token().isEmpty()) {
        lines.add(
            source.value()
                + ": "
                + ids.size()
                + " incident(s) named by webhook events were stored as timeline events; no"
                + " targeted pull ran because sources."
                + source.value()
                + " is not configured (set "
                + source.tokenKey().environmentVariable()
                + ")");
        continue;
      }
      PullCounters count = new PullCounters(source.value());
      RawRun raw = null;
      try {
        Collector collector = job.collector(source);
        raw = new RawRun(rawRoot, source, runId, List.of(settings.token().get()));
        ApiClient client =
            new ApiClient(retry, clock, collector.headers(), count, PullProgress.NONE);
        Collector.Result result =
            source == PullSource.PAGERDUTY
                ? ((PagerDutyCollector) collector).collectIds(ids, client, raw)
                : ((IncidentIoCollector) collector).collectIds(ids, client, raw);
        count.finish();
        Path folder = raw.commit();
        if (raw.files() > 0) {
          folders.add(folder);
        }
        lines.add(
            "targeted pull of "
                + ids.size()
                + " incident(s) named by webhook events: "
                + count.line()
                + " -> "
                + folder);
        lines.addAll(result.notes());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        fresh.add(
            new PullState(
                source.value(), SCOPE, latest, runId, now, result.records(), result.pendingIds()));
      } catch (PullException e) {
        count.finish();
        failures.put(source, e);
        lines.add(
            source.value()
                + ": targeted pull failed; the events stay stored and are pulled again next"
                + " ingest: "
                + redact(e.getMessage(), settings.token().get())
                + (raw == null ? "" : " (pages so far in " + raw.partialFolder() + ")"));
      }
    }
    Optional<IngestSummary> ingest = Optional.empty();
    if (!folders.isEmpty()) {
      ingest =
          Optional.of(
              new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT)
                  .run(folders, bytes -> {}));
    }
    store.commit(fresh);
    return new Outcome(lines, failures, ingest);
  }

  private static String redact(String message, String token) {
    return token.length() >= 4 ? message.replace(token, "****") : message;
  }
}
