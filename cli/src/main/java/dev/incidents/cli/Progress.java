package dev.incidents.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on long work: a progress bar on a terminal, nothing when quiet or when output is piped
 * (so CSV and JSON stay clean).
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress start(CommonOptions common, String task, long steps) {
    boolean terminal = System.console() != null && !common.quiet();
    if (!terminal) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .build();
    return new Progress(bar);
  }

  synchronized void step(String message) {
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(message);
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
  }
}
