package dev.incidents.generator;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code incidents generate}: simulates an organisation and writes its exports in the real vendor
 * formats, one folder per tool, plus {@code truth.json}. The same seed and start month give
 * byte-identical output.
 *
 * <p>With {@link Snapshots#DAILY} it also writes {@code snapshots/YYYY-MM-DD/}: every tool's export
 * as downloaded at the end of that UTC day (23:59:59.999), in the same layout (the Slack export as
 * its folder, no zip, no {@code truth.json}). The last day's snapshot is the final state: the same
 * files as the normal export. The normal export and {@code truth.json} do not change.
 */
public final class Generator {
  /** The folders and files a generation owns under its output folder (cleared before writing). */
  static final List<String> OUTPUTS =
      List.of(
          "incidentio",
          "pagerduty",
          "alertmanager",
          "slack",
          "slack-export.zip",
          "jira",
          "postmortems",
          "statuspage",
          "truth.json");

  /** The folder under the output folder that holds the daily snapshots (cleared before writing). */
  public static final String SNAPSHOTS = "snapshots";

  /** The tool folders a snapshot holds, in the normal export's layout. */
  static final List<String> SNAPSHOT_TOOLS =
      List.of(
          "incidentio", "pagerduty", "alertmanager", "slack", "jira", "postmortems", "statuspage");

  /** Whether to write daily snapshots besides the normal export. */
  public enum Snapshots {
    NONE,
    DAILY;

    public static Snapshots parse(String value) {
      return switch (value) {
        case "none" -> NONE;
        case "daily" -> DAILY;
        default ->
            throw new IllegalArgumentException(
                "Invalid snapshots: '" + value + "' (expected none or daily)");
      };
    }
  }

  /**
   * @param snapshotEvery with daily snapshots, write every Nth day counted from the first; the last
   *     day is always written
   */
  public record Options(
      OrgSize size,
      int months,
      long seed,
      Path out,
      YearMonth start,
      Snapshots snapshots,
      int snapshotEvery) {
    public Options {
      requireNonNull(size, "size is null");
      requireNonNull(out, "out is null");
      requireNonNull(start, "start is null");
      requireNonNull(snapshots, "snapshots is null");
      if (months < 1 || months > 36) {
        throw new IllegalArgumentException("Invalid months: " + months + " (expected 1 to 36)");
      }
      if (snapshotEvery < 1) {
        throw new IllegalArgumentException(
            "Invalid snapshot-every: " + snapshotEvery + " (expected 1 or more days)");
      }
      if (snapshotEvery != 1 && snapshots == Snapshots.NONE) {
        throw new IllegalArgumentException(
            "Invalid snapshot-every: " + snapshotEvery + " (needs snapshots daily)");
      }
    }

    /** The normal export only, no snapshots. */
    public Options(OrgSize size, int months, long seed, Path out, YearMonth start) {
      this(size, months, seed, out, start, Snapshots.NONE, 1);
    }

    /** The days whose snapshots are written, first to last; empty without snapshots. */
    public List<LocalDate> snapshotDays() {
      if (snapshots == Snapshots.NONE) {
        return List.of();
      }
      LocalDate first = start.atDay(1);
      LocalDate last = start.plusMonths(months).atDay(1).minusDays(1);
      List<LocalDate> days = new ArrayList<>();
      for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(snapshotEvery)) {
        days.add(day);
      }
      if (!days.get(days.size() - 1).equals(last)) {
        days.add(last);
      }
      return List.copyOf(days);
    }

    /** The default start: the window ends where the current month begins. */
    public static YearMonth defaultStart(int months) {
      return YearMonth.now(ZoneOffset.UTC).minusMonths(months);
    }
  }

  private Generator() {}

  public static GenerationSummary generate(Options options, Consumer<String> progress) {
    Organisation organisation = Organisation.create(options.seed(), options.size());
    Simulation simulation = new Simulation(organisation, options.start(), options.months());
    Path out = options.out();
    GenerationSummary summary = new GenerationSummary();
    try {
      Files.createDirectories(out);
      for (String name : OUTPUTS) {
        dev.incidents.core.io.FileTrees.deleteRecursively(out.resolve(name));
      }
      // Always cleared: snapshots of an earlier generation would not match this export.
      dev.incidents.core.io.FileTrees.deleteRecursively(out.resolve(SNAPSHOTS));
      summary.count("incidents", simulation.incidents.size());
      List<Task> tasks = new ArrayList<>();
      tasks.add(
          new Task(
              "slack",
              () ->
                  new SlackWriter(simulation, out.resolve("slack"), summary, Cutoff.NONE)
                      .write(out.resolve("slack-export.zip"))));
      tasks.add(
          new Task(
              "alertmanager",
              () ->
                  new AlertmanagerWriter(
                          simulation, out.resolve("alertmanager"), summary, Cutoff.NONE)
                      .write()));
      tasks.add(
          new Task(
              "incidentio",
              () ->
                  new IncidentIoWriter(simulation, out.resolve("incidentio"), summary, Cutoff.NONE)
                      .write()));
      tasks.add(
          new Task(
              "pagerduty",
              () ->
                  new PagerDutyWriter(simulation, out.resolve("pagerduty"), summary, Cutoff.NONE)
                      .write()));
      tasks.add(
          new Task(
              "jira",
              () -> new JiraWriter(simulation, out.resolve("jira"), summary, Cutoff.NONE).write()));
      tasks.add(
          new Task(
              "postmortems",
              () ->
                  new PostmortemWriter(simulation, out.resolve("postmortems"), summary, Cutoff.NONE)
                      .write()));
      tasks.add(
          new Task(
              "statuspage",
              () ->
                  new StatuspageWriter(simulation, out.resolve("statuspage"), summary, Cutoff.NONE)
                      .write()));
      tasks.add(
          new Task(
              "truth",
              () -> new TruthWriter(simulation, out.resolve("truth.json"), summary).write()));
      GenerationSummary snapshotSummary = new GenerationSummary();
      List<LocalDate> days = options.snapshotDays();
      for (int i = 0; i < days.size(); i++) {
        LocalDate day = days.get(i);
        // The last day is the final state, the normal export's own records, including the few
        // that the simulation lets spill past the period's end.
        Cutoff cutoff =
            i == days.size() - 1
                ? Cutoff.NONE
                : Cutoff.at(
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
        Path folder = out.resolve(SNAPSHOTS).resolve(day.toString());
        tasks.add(
            new Task(
                "snapshot " + day,
                () -> writeSnapshot(simulation, folder, snapshotSummary, cutoff)));
      }
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors())));
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (Task task : tasks) {
          futures.add(
              pool.submit(
                  () -> {
                    task.body().run();
                    progress.accept(task.name());
                    return null;
                  }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw new UncheckedIOException(io);
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Generation interrupted", e);
      } finally {
        pool.shutdownNow();
      }
      if (!days.isEmpty()) {
        long files = 0;
        long bytes = 0;
        for (long[] entry : snapshotSummary.files().values()) {
          files += entry[0];
          bytes += entry[1];
        }
        summary.files(SNAPSHOTS, files, bytes);
        summary.count("snapshots.days", days.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generated exports to " + out, e);
    }
    return summary;
  }

  /** One snapshot: every tool's export as downloaded at the cutoff. */
  static void writeSnapshot(
      Simulation simulation, Path folder, GenerationSummary summary, Cutoff cutoff)
      throws IOException {
    Files.createDirectories(folder);
    new IncidentIoWriter(simulation, folder.resolve("incidentio"), summary, cutoff).write();
    new PagerDutyWriter(simulation, folder.resolve("pagerduty"), summary, cutoff).write();
    new AlertmanagerWriter(simulation, folder.resolve("alertmanager"), summary, cutoff).write();
    new SlackWriter(simulation, folder.resolve("slack"), summary, cutoff).writeFolder();
    new JiraWriter(simulation, folder.resolve("jira"), summary, cutoff).write();
    new PostmortemWriter(simulation, folder.resolve("postmortems"), summary, cutoff).write();
    new StatuspageWriter(simulation, folder.resolve("statuspage"), summary, cutoff).write();
  }

  interface Body {
    void run() throws IOException;
  }

  record Task(String name, Body body) {}

  /** The steps a generation reports, for progress displays: 8 tools, then one per snapshot. */
  public static int taskCount(Options options) {
    return 8 + options.snapshotDays().size();
  }
}
