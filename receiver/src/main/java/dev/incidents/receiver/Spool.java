package dev.incidents.receiver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The durable spool: rotating JSON Lines segments, one line per accepted request ({@code spool},
 * {@code endpoint}, {@code received_at}, optional {@code delivery_id}, and the raw {@code body} as
 * a JSON string).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #append} returns only after the line is written and {@code fsync}'d; concurrent
 *       appends share one {@code fsync} (group commit: one writer thread takes every line queued
 *       while the previous {@code fsync} ran).
 *   <li>The segment being written is {@code .open-segment-<n>.jsonl}; when it reaches the size
 *       limit or the age limit it is renamed to {@code segment-<n>.jsonl} (and the folder is {@code
 *       fsync}'d). A closed segment is never changed again. Dot files are not read by ingest.
 *   <li>On open, a segment left open by a crash is checked line by line: the complete lines are
 *       kept and the segment is closed; the bytes from the first incomplete or unparsable line to
 *       the end (a torn write that was never acknowledged) are moved to {@code
 *       .torn-segment-<n>.jsonl} and counted. A torn line is never half-read.
 *   <li>After a failed write or {@code fsync} the spool refuses every append until it is reopened:
 *       after a failed {@code fsync} the state of the file is unknown.
 *   <li>With a capacity, an append that would take the spool's segments over it is refused ({@link
 *       RejectReason#SPOOL_FULL}) instead of filling the disk.
 * </ul>
 */
public final class Spool implements AutoCloseable {
  public static final String CLOSED_PREFIX = "segment-";
  public static final String OPEN_PREFIX = ".open-segment-";
  public static final String TORN_PREFIX = ".torn-segment-";
  public static final String SUFFIX = ".jsonl";
  public static final int FORMAT_VERSION = 1;

  private static final Pattern SEGMENT =
      Pattern.compile("(?:\\.open-|\\.torn-)?segment-(\\d{10})(?:-\\d+)?\\.jsonl");
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_BATCH = 4096;

  /**
   * How the spool rotates and how much it may hold.
   *
   * @param capacityBytes the most bytes all segments may hold together; 0 for no limit
   * @param groupCommitWindow how long the writer waits for more lines before an {@code fsync}; zero
   *     takes only what is already queued
   */
  public record Settings(
      Path directory,
      long segmentMaxBytes,
      Duration segmentMaxAge,
      long capacityBytes,
      Duration groupCommitWindow) {
    public Settings {
      requireNonNull(directory, "directory is null");
      requireNonNull(segmentMaxAge, "segmentMaxAge is null");
      requireNonNull(groupCommitWindow, "groupCommitWindow is null");
      if (segmentMaxBytes < 1) {
        throw new IllegalArgumentException("Invalid segment size limit: " + segmentMaxBytes);
      }
      if (segmentMaxAge.isNegative() || segmentMaxAge.isZero()) {
        throw new IllegalArgumentException("Invalid segment age limit: " + segmentMaxAge);
      }
      if (capacityBytes < 0) {
        throw new IllegalArgumentException("Invalid spool capacity: " + capacityBytes);
      }
      if (groupCommitWindow.isNegative()
          || groupCommitWindow.compareTo(Duration.ofMillis(50)) > 0) {
        throw new IllegalArgumentException(
            "Invalid group commit window: " + groupCommitWindow + " (0 to 50 ms)");
      }
    }
  }

  /** What opening the spool found: segments a crash left open, and torn bytes moved aside. */
  public record Recovery(int segmentsClosed, long linesKept, long tornBytes, List<Path> tornFiles) {
    public Recovery {
      tornFiles = List.copyOf(tornFiles);
    }
  }

  private record Pending(byte[] line, CompletableFuture<Void> done) {}

  private final Settings settings;
  private final Clock clock;
  private final LongConsumer fsyncNanos;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Recovery recovery;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private final AtomicLong lines = new AtomicLong();
  private volatile boolean closing;
  private volatile IOException failure;
  private long nextSequence;
  private FileChannel open;
  private Path openPath;
  private long openSequence;
  private long openBytes;
  private Instant openedAt;

  private Spool(Settings settings, Clock clock, LongConsumer fsyncNanos) throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.fsyncNanos = fsyncNanos;
    Files.createDirectories(settings.directory());
    this.recovery = recover();
    this.bytes.set(segmentBytes());
    this.writer = new Thread(this::writeLoop, "spool-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Opens (and if needed recovers) the spool in {@code settings.directory()}. */
  public static Spool open(Settings settings, Clock clock, LongConsumer fsyncNanos)
      throws IOException {
    return new Spool(settings, clock, fsyncNanos);
  }

  public Recovery recovery() {
    return recovery;
  }

  /** Bytes in the spool's segments, open and closed. */
  public long bytes() {
    return bytes.get();
  }

  public long fsyncs() {
    return fsyncs.get();
  }

  /** Lines made durable since the spool was opened. */
  public long lines() {
    return lines.get();
  }

  /** False after a failed write or fsync, and once closing. */
  public boolean healthy() {
    return failure == null && !closing;
  }

  public Optional<String> failure() {
    return Optional.ofNullable(failure).map(IOException::getMessage);
  }

  /** The spool line of one request; the body must be UTF-8 JSON text. */
  public static byte[] line(
      Endpoint endpoint, Instant receivedAt, Optional<String> deliveryId, String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 160);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeNumberField("spool", FORMAT_VERSION);
      generator.writeStringField("endpoint", endpoint.value());
      generator.writeStringField("received_at", receivedAt.toString());
      if (deliveryId.isPresent()) {
        generator.writeStringField("delivery_id", deliveryId.get());
      }
      generator.writeStringField("body", body);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * Appends one line and returns once it is durable.
   *
   * @throws SpoolUnavailableException when the line is not durable (the request gets a 503)
   */
  public void append(byte[] line) throws SpoolUnavailableException, InterruptedException {
    if (closing) {
      throw new SpoolUnavailableException(
          RejectReason.SHUTTING_DOWN, "The receiver is shutting down", null);
    }
    IOException failed = failure;
    if (failed != null) {
      throw new SpoolUnavailableException(
          RejectReason.SPOOL_FAILURE, "The spool failed earlier: " + failed.getMessage(), failed);
    }
    Pending pending = new Pending(line, new CompletableFuture<>());
    queue.add(pending);
    try {
      while (true) {
        try {
          pending.done().get(1, TimeUnit.SECONDS);
          return;
        } catch (TimeoutException e) {
          // an append that raced with close() would otherwise wait for a writer that has stopped
          if (!writer.isAlive() && queue.remove(pending)) {
            throw new SpoolUnavailableException(
                RejectReason.SHUTTING_DOWN, "The receiver is shutting down", null);
          }
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SpoolUnavailableException unavailable) {
        throw unavailable;
      }
      throw new SpoolUnavailableException(
          RejectReason.SPOOL_FAILURE, "The spool writer failed: " + e.getCause(), e.getCause());
    }
  }

  private void writeLoop() {
    while (true) {
      Pending first;
      try {
        first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (closing && queue.isEmpty()) {
          finish();
          return;
        }
        rotateIfOld();
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      if (!settings.groupCommitWindow().isZero()) {
        sleep(settings.groupCommitWindow());
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      writeBatch(batch);
    }
  }

  private long pollMillis() {
    if (openedAt == null) {
      return 200;
    }
    long left =
        settings.segmentMaxAge().toMillis()
            - Duration.between(openedAt, clock.instant()).toMillis();
    return Math.max(1, Math.min(200, left));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeBatch(List<Pending> batch) {
    IOException failed = failure;
    if (failed != null) {
      failAll(
          batch,
          new SpoolUnavailableException(
              RejectReason.SPOOL_FAILURE,
              "The spool failed earlier: " + failed.getMessage(),
              failed));
      return;
    }
    List<Pending> accepted = new ArrayList<>(batch.size());
    List<Pending> refused = new ArrayList<>();
    try {
      rotateIfNeeded();
      long room = Long.MAX_VALUE;
      if (settings.capacityBytes() > 0) {
        bytes.set(segmentBytes());
        room = settings.capacityBytes() - bytes.get();
      }
      long batchBytes = 0;
      for (Pending pending : batch) {
        if (batchBytes + pending.line().length <= room) {
          batchBytes += pending.line().length;
          accepted.add(pending);
        } else {
          refused.add(pending);
        }
      }
      failAll(
          refused,
          new SpoolUnavailableException(
              RejectReason.SPOOL_FULL,
              "The spool is full: its segments hold "
                  + bytes.get()
                  + " bytes of a capacity of "
                  + settings.capacityBytes(),
              null));
      if (accepted.isEmpty()) {
        return;
      }
      ensureOpen();
      ByteBuffer[] buffers = new ByteBuffer[accepted.size()];
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = ByteBuffer.wrap(accepted.get(i).line());
      }
      long written = 0;
      while (written < batchBytes) {
        written += open.write(buffers);
      }
      long started = System.nanoTime();
      open.force(false);
      fsyncNanos.accept(System.nanoTime() - started);
      fsyncs.incrementAndGet();
      openBytes += batchBytes;
      bytes.addAndGet(batchBytes);
      lines.addAndGet(accepted.size());
      for (Pending pending : accepted) {
        pending.done().complete(null);
      }
    } catch (IOException | RuntimeException e) {
      IOException cause = e instanceof IOException io ? io : new IOException(e.toString(), e);
      failure = cause;
      failAll(
          accepted,
          new SpoolUnavailableException(
              RejectReason.SPOOL_FAILURE, "Cannot write the spool: " + cause.getMessage(), cause));
    }
  }

  private static void failAll(List<Pending> pending, SpoolUnavailableException exception) {
    for (Pending each : pending) {
      each.done().completeExceptionally(exception);
    }
  }

  private void rotateIfNeeded() throws IOException {
    if (open != null
        && (openBytes >= settings.segmentMaxBytes()
            || Duration.between(openedAt, clock.instant()).compareTo(settings.segmentMaxAge())
                >= 0)) {
      closeSegment();
    }
  }

  private void rotateIfOld() {
    if (open == null || failure != null) {
      return;
    }
    try {
      if (Duration.between(openedAt, clock.instant()).compareTo(settings.segmentMaxAge()) >= 0) {
        closeSegment();
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  private void ensureOpen() throws IOException {
    if (open != null) {
      return;
    }
    openSequence = nextSequence++;
    openPath = settings.directory().resolve(OPEN_PREFIX + sequence(openSequence) + SUFFIX);
    open =
        FileChannel.open(
            openPath,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    syncDirectory();
    openBytes = 0;
    openedAt = clock.instant();
  }

  /** Closes the open segment: fsync'd already; rename to its closed name and fsync the folder. */
  private void closeSegment() throws IOException {
    FileChannel channel = open;
    Path path = openPath;
    open = null;
    openedAt = null;
    channel.force(true);
    channel.close();
    if (openBytes == 0) {
      Files.delete(path);
    } else {
      move(path, settings.directory().resolve(CLOSED_PREFIX + sequence(openSequence) + SUFFIX));
    }
    syncDirectory();
  }

  private void finish() {
    if (open != null && failure == null) {
      try {
        closeSegment();
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  /** Stops taking appends, writes what is queued, closes the open segment. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    failAll(
        left,
        new SpoolUnavailableException(
            RejectReason.SHUTTING_DOWN, "The receiver is shutting down", null));
  }

  private static String sequence(long sequence) {
    return String.format("%010d", sequence);
  }

  private long segmentBytes() throws IOException {
    try (Stream<Path> files = Files.list(settings.directory())) {
      long total = 0;
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if ((name.startsWith(CLOSED_PREFIX) || name.startsWith(OPEN_PREFIX))
            && name.endsWith(SUFFIX)) {
          try {
            total += Files.size(file);
          } catch (java.nio.file.NoSuchFileException removed) {
            // deleted by the operator while we listed
          }
        }
      }
      return total;
    }
  }

  private Recovery recover() throws IOException {
    List<Path> leftOpen = new ArrayList<>();
    long highest = -1;
    try (Stream<Path> files = Files.list(settings.directory())) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        Matcher matcher = SEGMENT.matcher(name);
        if (!matcher.matches()) {
          continue;
        }
        highest = Math.max(highest, Long.parseLong(matcher.group(1)));
        if (name.startsWith(OPEN_PREFIX)) {
          leftOpen.add(file);
        }
      }
    }
    nextSequence = highest + 1;
    int closed = 0;
    long kept = 0;
    long torn = 0;
    List<Path> tornFiles = new ArrayList<>();
    for (Path file : leftOpen) {
      String name = file.getFileName().toString();
      String number = name.substring(OPEN_PREFIX.length(), name.length() - SUFFIX.length());
      Scan scan = scan(file);
      kept += scan.lines();
      long size = Files.size(file);
      if (scan.goodBytes() < size) {
        Path tornFile =
            settings.directory().resolve(TORN_PREFIX + number + "-" + clock.millis() + SUFFIX);
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ);
            FileChannel target =
                FileChannel.open(
                    tornFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          long position = scan.goodBytes();
          while (position < size) {
            position += source.transferTo(position, size - position, target);
          }
          target.force(true);
        }
        torn += size - scan.goodBytes();
        tornFiles.add(tornFile);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(scan.goodBytes());
          channel.force(true);
        }
      }
      if (scan.goodBytes() == 0) {
        Files.delete(file);
      } else {
        move(file, settings.directory().resolve(CLOSED_PREFIX + number + SUFFIX));
        closed++;
      }
    }
    if (!leftOpen.isEmpty()) {
      syncDirectory();
    }
    return new Recovery(closed, kept, torn, tornFiles);
  }

  private record Scan(long goodBytes, long lines) {}

  /** The length of the prefix made of complete, parsable spool lines. */
  private static Scan scan(Path file) throws IOException {
    long good = 0;
    long count = 0;
    try (InputStream in = Files.newInputStream(file)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          byte b = buffer[i];
          line.write(b);
          if (b == '\n') {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (!validLine(bytes)) {
              return new Scan(good, count);
            }
            good += bytes.length;
            count++;
          }
        }
      }
    }
    return new Scan(good, count);
  }

  /** A complete spool line: one JSON object with the spool, endpoint and body fields. */
  static boolean validLine(byte[] line) {
    Set<String> fields = new HashSet<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        fields.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    return fields.containsAll(Set.of("spool", "endpoint", "received_at", "body"));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("The spool folder does not support atomic renames: " + from, e);
    }
  }

  private void syncDirectory() throws IOException {
    try (FileChannel directory = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
