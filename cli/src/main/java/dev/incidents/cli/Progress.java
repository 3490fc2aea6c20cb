package dev.incidents.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on long work, always on stderr so that stdout stays the result: a progress bar on a
 * terminal; when stderr is not a terminal (a log, a pipe, a scheduler), one line per stage with its
 * time as the stage ends; nothing when quiet.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintWriter lines;
  private final String task;
  private final long started = System.nanoTime();
  private long last = started;
  private int printed;

  private Progress(ProgressBar bar, PrintWriter lines, String task) {
    this.bar = bar;
    this.lines = lines;
    this.task = task;
  }

  static Progress start(CommonOptions common, String task, long steps) {
    return start(common.quiet(), task, steps, new PrintWriter(System.err, true));
  }

  static Progress start(CommonOptions common, String task, long steps, PrintWriter err) {
    return start(common.quiet(), task, steps, err);
  }

  static Progress start(boolean quiet, String task, long steps, PrintWriter err) {
    if (quiet) {
      return new Progress(null, null, task);
    }
    if (System.console() == null) {
      return new Progress(null, err, task);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
    return new Progress(bar, null, task);
  }

  /** A stage ended; its time is the time since the previous stage ended. */
  synchronized void step(String message) {
    long now = System.nanoTime();
    step(message, (now - last) / 1e9);
  }

  /** A stage ended after the given seconds. */
  synchronized void step(String message, double seconds) {
    last = System.nanoTime();
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(message);
    }
    if (lines != null) {
      lines.printf(Locale.ROOT, "%s: %s %.1f s%n", task, message, seconds);
      lines.flush();
      printed++;
    }
  }

  synchronized void stepBy(long steps) {
    if (bar != null) {
      bar.stepBy(steps);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
    if (lines != null && printed == 0) {
      lines.printf(Locale.ROOT, "%s: done %.1f s%n", task, (System.nanoTime() - started) / 1e9);
      lines.flush();
    }
  }
}
