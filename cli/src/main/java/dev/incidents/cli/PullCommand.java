package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.pull.PullCounters;
import dev.incidents.pull.PullErrorCode;
import dev.incidents.pull.PullJob;
import dev.incidents.pull.PullOptions;
import dev.incidents.pull.PullProgress;
import dev.incidents.pull.PullSource;
import dev.incidents.pull.PullSummary;
import dev.incidents.pull.http.RetrySettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "pull",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch incidents, timelines and alerts from the vendors' APIs into data/raw/<source>/<run-id>/"
          + " (every page verbatim), ingest them, then advance each source's watermark.",
      "Sources: pagerduty, incidentio, slack, jira, opsgenie, statuspage, or all (every source configured under sources:)."
          + " Tokens come from INCIDENTS_SOURCES_<NAME>_TOKEN only. See docs/pull.md.",
      "Exit codes as for ingest: 3 when records were quarantined, 1 when a source failed."
    })
final class PullCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Sources to pull, or all.")
  List<String> sources;

  @Option(
      names = "--since",
      paramLabel = "DATE|DURATION",
      description = "Window start: 2025-01-31, an instant, or a duration back from now (30d, 12h).")
  String since;

  @Option(names = "--until", paramLabel = "DATE", description = "Window end (default: now).")
  String until;

  @Option(names = "--full", description = "Ignore the watermark (default window: 13 months).")
  boolean full;

  @Option(names = "--dry-run", description = "Print what would be fetched; fetch nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    Config config = common.resolve(Map.of());
    Clock clock = Clock.systemUTC();
    List<PullSource> selected = select(config);
    PullOptions options =
        new PullOptions(
            Optional.ofNullable(since).map(value -> instant(value, "--since", clock, true)),
            Optional.ofNullable(until).map(value -> instant(value, "--until", clock, false)),
            full,
            dryRun);
    Path lakeRoot = Path.of(config.get(dev.incidents.core.config.ConfigKeys.LAKE_PATH));
    PullProgress progress = progressLine();
    PullSummary summary =
        new PullJob(
                common.lake(config),
                config,
                PullJob.rawRootOf(lakeRoot),
                RetrySettings.production(),
                clock,
                progress)
            .run(selected, options);
    if (System.console() != null && !common.quiet()) {
      System.err.print("\r\033[K");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!common.quiet() || !summary.failures().isEmpty()) {
      summary.lines().forEach(out::println);
    }
    summary
        .ingest()
        .ifPresent(ingest -> IngestCommand.print(out, ingest, common.quiet(), lakeRoot));
    if (!summary.failures().isEmpty()) {
      boolean configuration =
          summary.failures().values().stream()
              .allMatch(e -> e.code() == PullErrorCode.CONFIGURATION);
      return configuration ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    return summary.ingest().map(IngestSummary::quarantined).orElse(0L) > 0
        ? ExitCode.PARTIAL
        : ExitCode.OK;
  }

  private List<PullSource> select(Config config) {
    LinkedHashSet<PullSource> selected = new LinkedHashSet<>();
    for (String name : sources) {
      if (name.equalsIgnoreCase("all")) {
        List<PullSource> configured = PullJob.configuredSources(config);
        if (configured.isEmpty()) {
          throw new UserException(
              "pull all: no source is configured under sources: (see docs/pull.md)");
        }
        selected.addAll(configured);
      } else {
        selected.add(
            PullSource.parse(name)
                .orElseThrow(
                    () ->
                        new UserException(
                            "Unknown source '"
                                + name
                                + "': use incidentio, pagerduty, opsgenie, slack, jira,"
                                + " statuspage or all")));
      }
    }
    return new ArrayList<>(selected);
  }

  static Instant instant(String value, String option, Clock clock, boolean durationAllowed) {
    String text = value.trim();
    try {
      if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (text.contains("T")) {
        return Instant.parse(text);
      }
      if (durationAllowed && text.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        Duration duration =
            switch (text.charAt(text.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              case 'h' -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            };
        return clock.instant().minus(duration);
      }
      if (durationAllowed && text.startsWith("P")) {
        return clock.instant().minus(Duration.parse(text));
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // reported below
    }
    throw new UserException(
        "Invalid "
            + option
            + ": '"
            + value
            + "' is not a date (2025-01-31), an instant (2025-01-31T00:00:00Z)"
            + (durationAllowed ? " or a duration (30d, 12h, P30D)" : ""));
  }

  /** One progress line per source on a terminal, redrawn at most ten times a second. */
  private PullProgress progressLine() {
    if (System.console() == null || common.quiet()) {
      return PullProgress.NONE;
    }
    PrintStream terminal = System.err;
    long[] last = {0};
    return (PullCounters counters) -> {
      long now = System.nanoTime();
      if (now - last[0] > 100_000_000L) {
        last[0] = now;
        terminal.print("\r\033[K" + counters.line());
        terminal.flush();
      }
    };
  }
}
