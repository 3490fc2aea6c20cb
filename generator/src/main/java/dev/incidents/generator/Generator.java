package dev.incidents.generator;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  public record Options(OrgSize size, int months, long seed, Path out, YearMonth start) {
    public Options {
      requireNonNull(size, "size is null");
      requireNonNull(out, "out is null");
      requireNonNull(start, "start is null");
      if (months < 1 || months > 36) {
        throw new IllegalArgumentException("Invalid months: " + months + " (expected 1 to 36)");
      }
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
      summary.count("incidents", simulation.incidents.size());
      List<Task> tasks = new ArrayList<>();
      tasks.add(
          new Task(
              "slack",
              () ->
                  new SlackWriter(simulation, out.resolve("slack"), summary)
                      .write(out.resolve("slack-export.zip"))));
      tasks.add(
          new Task(
              "alertmanager",
              () ->
                  new AlertmanagerWriter(simulation, out.resolve("alertmanager"), summary)
                      .write()));
      tasks.add(
          new Task(
              "incidentio",
              () -> new IncidentIoWriter(simulation, out.resolve("incidentio"), summary).write()));
      tasks.add(
          new Task(
              "pagerduty",
              () -> new PagerDutyWriter(simulation, out.resolve("pagerduty"), summary).write()));
      tasks.add(
          new Task("jira", () -> new JiraWriter(simulation, out.resolve("jira"), summary).write()));
      tasks.add(
          new Task(
              "postmortems",
              () -> new PostmortemWriter(simulation, out.resolve("postmortems"), summary).write()));
      tasks.add(
          new Task(
              "statuspage",
              () -> new StatuspageWriter(simulation, out.resolve("statuspage"), summary).write()));
      tasks.add(
          new Task(
              "truth",
              () -> new TruthWriter(simulation, out.resolve("truth.json"), summary).write()));
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
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generated exports to " + out, e);
    }
    return summary;
  }

  interface Body {
    void run() throws IOException;
  }

  record Task(String name, Body body) {}

  /** The tools a generation writes, for progress displays. */
  public static int taskCount() {
    return 8;
  }
}
