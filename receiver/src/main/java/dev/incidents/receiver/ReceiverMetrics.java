package dev.incidents.receiver;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The receiver's counters, rendered in the Prometheus text format (version 0.0.4): requests
 * acknowledged and rejected by endpoint and reason, the spool's bytes, and the fsync latency
 * histogram.
 */
public final class ReceiverMetrics {
  /** Upper bounds of the fsync latency buckets, in seconds. */
  static final double[] FSYNC_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5
  };

  /** Rejections that happen before an endpoint is known (unknown path, overload, shutdown). */
  public static final String NO_ENDPOINT = "none";

  private final LongAdder[] received = new LongAdder[Endpoint.values().length];
  private final LongAdder[][] rejected =
      new LongAdder[Endpoint.values().length + 1][RejectReason.values().length];
  private final AtomicLongArray fsyncBuckets = new AtomicLongArray(FSYNC_BUCKETS.length);
  private final LongAdder fsyncCount = new LongAdder();
  private final LongAdder fsyncNanos = new LongAdder();
  private volatile LongSupplier spoolBytes = () -> 0;

  public ReceiverMetrics() {
    for (int i = 0; i < received.length; i++) {
      received[i] = new LongAdder();
    }
    for (LongAdder[] row : rejected) {
      for (int i = 0; i < row.length; i++) {
        row[i] = new LongAdder();
      }
    }
  }

  void spoolBytes(LongSupplier supplier) {
    this.spoolBytes = supplier;
  }

  public void received(Endpoint endpoint) {
    received[endpoint.ordinal()].increment();
  }

  /** {@code endpoint} may be null when the request named none. */
  public void rejected(Endpoint endpoint, RejectReason reason) {
    rejected[endpoint == null ? Endpoint.values().length : endpoint.ordinal()][reason.ordinal()]
        .increment();
  }

  public long receivedCount(Endpoint endpoint) {
    return received[endpoint.ordinal()].sum();
  }

  public long rejectedCount(Endpoint endpoint, RejectReason reason) {
    return rejected[endpoint == null ? Endpoint.values().length : endpoint.ordinal()][
        reason.ordinal()]
        .sum();
  }

  public void fsync(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < FSYNC_BUCKETS.length; i++) {
      if (seconds <= FSYNC_BUCKETS[i]) {
        fsyncBuckets.incrementAndGet(i);
        break;
      }
    }
    fsyncCount.increment();
    fsyncNanos.add(nanos);
  }

  public long fsyncCount() {
    return fsyncCount.sum();
  }

  /** The Prometheus text exposition of every metric. */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    out.append(
        "# HELP incidents_receiver_received_total Requests acknowledged (spooled and fsync'd).\n");
    out.append("# TYPE incidents_receiver_received_total counter\n");
    for (Endpoint endpoint : Endpoint.values()) {
      out.append("incidents_receiver_received_total{endpoint=\"")
          .append(endpoint.value())
          .append("\"} ")
          .append(received[endpoint.ordinal()].sum())
          .append('\n');
    }
    out.append("# HELP incidents_receiver_rejected_total Requests answered without a 2xx.\n");
    out.append("# TYPE incidents_receiver_rejected_total counter\n");
    for (int e = 0; e <= Endpoint.values().length; e++) {
      String name = e < Endpoint.values().length ? Endpoint.values()[e].value() : NO_ENDPOINT;
      for (RejectReason reason : RejectReason.values()) {
        long count = rejected[e][reason.ordinal()].sum();
        if (count == 0 && e == Endpoint.values().length) {
          continue;
        }
        out.append("incidents_receiver_rejected_total{endpoint=\"")
            .append(name)
            .append("\",reason=\"")
            .append(reason.value())
            .append("\"} ")
            .append(count)
            .append('\n');
      }
    }
    out.append("# HELP incidents_receiver_spool_bytes Bytes in the spool's segments.\n");
    out.append("# TYPE incidents_receiver_spool_bytes gauge\n");
    out.append("incidents_receiver_spool_bytes ").append(spoolBytes.getAsLong()).append('\n');
    out.append("# HELP incidents_receiver_fsync_seconds Latency of the spool's fsync calls.\n");
    out.append("# TYPE incidents_receiver_fsync_seconds histogram\n");
    long cumulative = 0;
    for (int i = 0; i < FSYNC_BUCKETS.length; i++) {
      cumulative += fsyncBuckets.get(i);
      out.append("incidents_receiver_fsync_seconds_bucket{le=\"")
          .append(format(FSYNC_BUCKETS[i]))
          .append("\"} ")
          .append(cumulative)
          .append('\n');
    }
    long count = fsyncCount.sum();
    out.append("incidents_receiver_fsync_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n');
    out.append("incidents_receiver_fsync_seconds_sum ")
        .append(String.format(Locale.ROOT, "%.9f", fsyncNanos.sum() / 1e9))
        .append('\n');
    out.append("incidents_receiver_fsync_seconds_count ").append(count).append('\n');
    return out.toString();
  }

  private static String format(double value) {
    String text = String.format(Locale.ROOT, "%.4f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", ".0");
  }
}
