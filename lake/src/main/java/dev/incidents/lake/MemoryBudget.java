package dev.incidents.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap that the staged rows of all open writes may hold together ({@code --memory}). When a row
 * takes the total over the budget, the adding thread spills its own largest staged buffer to a
 * sorted run on disk, so memory stays bounded whatever the volume of the input.
 */
public final class MemoryBudget {
  /** Never below this: a smaller budget would spill a run every few rows. */
  public static final long MINIMUM_BYTES = 1024L * 1024;

  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong spills = new AtomicLong();
  private final List<TableWrite.Buffer> buffers = new ArrayList<>();

  public MemoryBudget(long bytes) {
    this.limit = Math.max(MINIMUM_BYTES, bytes);
  }

  /**
   * The default budget's ceiling: more staged memory buys little, since runs spill sequentially.
   */
  public static final long DEFAULT_CEILING = 128L * 1024 * 1024;

  /**
   * A quarter of the maximum heap, at most {@link #DEFAULT_CEILING}: the rest is for the parsers,
   * the Parquet writers and the JVM, and memory stays flat as the input grows.
   */
  public static MemoryBudget fromHeap() {
    return new MemoryBudget(Math.min(DEFAULT_CEILING, Runtime.getRuntime().maxMemory() / 4));
  }

  /**
   * Parses a size such as {@code 2g}, {@code 512m} or {@code 1048576} (bytes).
   *
   * @throws IllegalArgumentException with the value and what is expected
   */
  public static long parseSize(String value) {
    String text = value.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (text.endsWith("g") || text.endsWith("m") || text.endsWith("k")) {
      unit =
          switch (text.charAt(text.length() - 1)) {
            case 'g' -> 1L << 30;
            case 'm' -> 1L << 20;
            default -> 1L << 10;
          };
      text = text.substring(0, text.length() - 1);
    }
    try {
      long number = Long.parseLong(text);
      if (number <= 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(number, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "Invalid memory size: '" + value + "' (expected a positive size such as 2g or 512m)");
    }
  }

  public long limit() {
    return limit;
  }

  /** Runs spilled to disk so far. */
  public long spills() {
    return spills.get();
  }

  synchronized void register(TableWrite.Buffer buffer) {
    buffers.add(buffer);
  }

  synchronized void unregister(TableWrite.Buffer buffer) {
    buffers.remove(buffer);
    used.addAndGet(-buffer.bytes());
  }

  /** Accounts for a staged row; spills the calling thread's largest buffer when over budget. */
  void charge(long bytes) {
    if (used.addAndGet(bytes) <= limit) {
      return;
    }
    TableWrite.Buffer largest = null;
    Thread self = Thread.currentThread();
    synchronized (this) {
      for (TableWrite.Buffer buffer : buffers) {
        if (buffer.owner() == self && (largest == null || buffer.bytes() > largest.bytes())) {
          largest = buffer;
        }
      }
    }
    // A thread whose buffers are all small leaves the spilling to the thread that holds the rows.
    if (largest != null && largest.bytes() >= limit / 32) {
      long freed = largest.spill();
      used.addAndGet(-freed);
      spills.incrementAndGet();
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }
}
