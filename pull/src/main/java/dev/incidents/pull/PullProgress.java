package dev.incidents.pull;

/** Receives the counters of a source after every page and every wait, to draw a progress line. */
public interface PullProgress {
  PullProgress NONE = counters -> {};

  void update(PullCounters counters);
}
