package dev.incidents.pull;

import java.time.Duration;

/** Per-source counts of one run: requests, pages, records and rate-limit waits. */
public final class PullCounters {
  private final String source;
  long requests;
  long retries;
  long pages;
  long records;
  long rateLimitWaits;
  Duration longestWait = Duration.ZERO;
  Duration totalWait = Duration.ZERO;
  long startedNanos = System.nanoTime();
  long finishedNanos;

  public PullCounters(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  public long requests() {
    return requests;
  }

  public long retries() {
    return retries;
  }

  public long pages() {
    return pages;
  }

  public long records() {
    return records;
  }

  public long rateLimitWaits() {
    return rateLimitWaits;
  }

  /** The longest wait a server asked for (not the time slept, which tests scale down). */
  public Duration longestWait() {
    return longestWait;
  }

  public Duration totalWait() {
    return totalWait;
  }

  public double seconds() {
    long end = finishedNanos == 0 ? System.nanoTime() : finishedNanos;
    return (end - startedNanos) / 1e9;
  }

  public void request() {
    requests++;
  }

  public void retry() {
    retries++;
  }

  public void page(long recordsOnPage) {
    pages++;
    records += recordsOnPage;
  }

  public void rateLimitWait(Duration wait) {
    rateLimitWaits++;
    totalWait = totalWait.plus(wait);
    if (wait.compareTo(longestWait) > 0) {
      longestWait = wait;
    }
  }

  void finish() {
    finishedNanos = System.nanoTime();
  }

  /**
   * {@code pagerduty: 12 pages, 1,100 records, 40 requests, 2 rate-limit waits (longest 2.0 s)}.
   */
  public String line() {
    return String.format(
        "%s: %,d pages, %,d records, %,d requests, %,d retries, %,d rate-limit waits (longest %.1f s)",
        source, pages, records, requests, retries, rateLimitWaits, longestWait.toMillis() / 1000.0);
  }
}
