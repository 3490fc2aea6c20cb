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
  private boolean bytes;
  private long done;

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

  /**
   * Progress over bytes: the bar counts megabytes and shows the rate in MB/s; without a terminal
   * the closing line gives the megabytes, the time and the rate.
   */
  static Progress startBytes(boolean quiet, String task, long totalBytes, PrintWriter err) {
    if (quiet || System.console() == null) {
      Progress progress = start(quiet, task, totalBytes, err);
      progress.bytes = true;
      return progress;
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(totalBytes)
            .setUnit(" MB", 1_000_000)
            .showSpeed(new java.text.DecimalFormat("0.0"))
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
    Progress progress = new Progress(bar, null, task);
    progress.bytes = true;
    return progress;
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
    done += steps;
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
      double seconds = (System.nanoTime() - started) / 1e9;
      if (bytes && done > 0) {
        lines.printf(
            Locale.ROOT,
            "%s: done %.1f MB in %.1f s (%.1f MB/s)%n",
            task,
            done / 1e6,
            seconds,
            done / 1e6 / seconds);
      } else {
        lines.printf(Locale.ROOT, "%s: done %.1f s%n", task, seconds);
      }
      lines.flush();
    }
  }
}
