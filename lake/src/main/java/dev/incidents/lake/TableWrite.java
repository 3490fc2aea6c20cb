package dev.incidents.lake;

import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * One atomic write of one table, as a sort-merge upsert in bounded memory.
 *
 * <p>Rows are staged in per-thread buffers; when the shared {@link MemoryBudget} is exceeded, the
 * adding thread sorts its largest buffer by key and spills it to a run on disk. {@link #commit()}
 * k-way merges the runs, the buffers still in memory and the stored rows of the month partitions
 * that the staged rows touch (stored files are kept sorted by key), keeps one row per key (the
 * higher rank, then the higher content hash when {@link #orderIndependent()}, else the later row),
 * and writes each touched partition once, sorted by key. Untouched partitions are linked into the
 * new version unchanged. The output depends only on the set of rows, never on the order or the
 * thread they arrived in, so a parallel ingest writes the same bytes as a one-thread one. Nothing
 * reaches the table before the commit swaps its link; closing without a commit discards everything.
 */
public final class TableWrite implements AutoCloseable {
  /** Row groups are capped so that readers can split a file across cores. */
  public static final long ROW_GROUP_BYTES = 32L * 1024 * 1024;

  /** Footer key of files written sorted by key: the merge streams them instead of sorting. */
  static final String SORTED_KEY = "incidents.sorted";

  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

  /** Staged keys of a write into an existing table, for finding keys that moved partition. */
  private static final int BLOOM_BITS = 1 << 25;

  enum Mode {
    UPSERT,
    REPLACE
  }

  private final Lake lake;
  private final TableSchema table;
  private final Mode mode;
  private final int[] keyIndexes;
  private final int partitionIndex;
  private final Path versionsDirectory;
  private final Path staging;
  private final Path runsDirectory;
  private final RowCodec codec;
  private final MemoryBudget budget;
  private final Map<Thread, Buffer> buffers = new ConcurrentHashMap<>();
  private final List<Path> runs = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Set<String> touched = ConcurrentHashMap.newKeySet();
  private final AtomicInteger runNumbers = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLongArray bloom;
  private ToLongFunction<Object[]> rank = row -> 0;
  private boolean orderIndependent;
  private LongConsumer firstOrigins = origin -> {};
  private OriginOrder originOrder = Long::compare;
  private volatile boolean finished;

  TableWrite(Lake lake, TableSchema table, Mode mode, MemoryBudget budget) {
    this.lake = lake;
    this.table = table;
    this.mode = mode;
    this.keyIndexes = table.keyColumns().stream().mapToInt(table::indexOf).toArray();
    this.partitionIndex = table.partitionColumn().map(table::indexOf).orElse(-1);
    this.versionsDirectory = lake.root().resolve(Lake.VERSIONS).resolve(table.name());
    this.codec = new RowCodec(table);
    this.budget = budget == null ? MemoryBudget.fromHeap() : budget;
    this.bloom =
        mode == Mode.UPSERT && partitionIndex >= 0 && lake.exists(table)
            ? new AtomicLongArray(BLOOM_BITS / 64)
            : null;
    String version = "v" + VERSION_TIME.format(Instant.now()) + "-" + nonce();
    this.staging = versionsDirectory.resolve(version + ".tmp");
    this.runsDirectory = staging.resolve("_runs");
    try {
      Files.createDirectories(staging);
      removeLeftovers();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare a write of " + table.name(), e);
    }
  }

  /**
   * Ties of rank go to the higher content hash instead of the later row: whatever the order in
   * which versions arrive, across batches and commits, the same row stays. The ingest uses this, so
   * that the lake comes out the same whatever the order and grouping of ingests.
   */
  public TableWrite orderIndependent() {
    this.orderIndependent = true;
    return this;
  }

  /**
   * Ranks rows that share a key: the higher rank wins, ties go to the later row (or, {@link
   * #orderIndependent()}, to the higher content hash). Alerts rank a resolved delivery above a
   * firing one, so a late re-delivery never un-resolves an alert.
   */
  public TableWrite preferring(ToLongFunction<Object[]> rank) {
    this.rank = rank;
    return this;
  }

  /** The order of two origins (non-negative); it must hold from the first row staged. */
  @FunctionalInterface
  public interface OriginOrder {
    int compare(long a, long b);
  }

  /**
   * At commit, {@code firstOrigins} receives, for every key the write staged, the origin of its
   * first staged row, first by {@code order} (the ingest's record accounting: a record whose rows
   * all came second is a duplicate). Origins are what {@link #add(Object[], long)} was given. The
   * order is used as rows are staged (rows of one key are combined in memory), so it must be known
   * from the first row on.
   */
  public TableWrite reportingFirstOrigins(OriginOrder order, LongConsumer firstOrigins) {
    this.originOrder = order;
    this.firstOrigins = firstOrigins;
    return this;
  }

  /** Adds one row (see {@link #add(Object[], long)}). */
  public void add(Object[] row) {
    add(row, -1);
  }

  /**
   * Stages one row; a row with the same key as another replaces it unless it ranks lower. Safe to
   * call from several threads at once.
   *
   * @param origin an opaque non-negative reference to where the row came from, or -1
   */
  public void add(Object[] row, long origin) {
    if (finished) {
      throw new IllegalStateException("Write of " + table.name() + " is already finished");
    }
    Object[] normalized = LakeValues.normalize(table, row);
    String key = LakeValues.keyOf(keyIndexes, normalized);
    long hash = LakeValues.contentHash(table, normalized);
    long rowRank = rank.applyAsLong(normalized);
    long tie = orderIndependent ? hash : sequence.get();
    sequence.incrementAndGet();
    String partition = LakeValues.partitionOf(table, partitionIndex, normalized);
    touched.add(partition);
    if (bloom != null) {
      bloomAdd(key);
    }
    Buffer buffer = buffers.computeIfAbsent(Thread.currentThread(), this::newBuffer);
    long bytes =
        buffer.add(
            new Entry(key, rowRank, tie, hash, origin, origin, 1, false, partition), normalized);
    if (bytes != 0) {
      budget.charge(bytes);
    }
  }

  private Buffer newBuffer(Thread owner) {
    Buffer buffer = new Buffer(owner);
    budget.register(buffer);
    return buffer;
  }

  public long rowsAdded() {
    return sequence.get();
  }

  /**
   * Merges and publishes. When every staged row equals the row already stored under its key (an
   * upsert of the same data), nothing is published and the lake is left byte-for-byte unchanged.
   */
  public CommitResult commit() {
    try (Prepared prepared = prepare()) {
      return prepared.publish();
    }
  }

  /**
   * The merge and the new version's files, under the table's lock, without publishing them: several
   * tables can be prepared at once, then published in order. Closing the result without {@link
   * Prepared#publish()} discards the new version.
   */
  public Prepared prepare() {
    if (finished) {
      throw new IllegalStateException("Write of " + table.name() + " is already finished");
    }
    finished = true;
    FileChannel lockChannel = null;
    FileLock lock = null;
    try {
      lockChannel = lockFile();
      lock = lockChannel.lock();
      Path output = staging.resolve("data");
      Files.createDirectories(output);
      Map<String, List<Path>> stored = mode == Mode.UPSERT ? storedPartitions() : new TreeMap<>();
      if (bloom != null) {
        findMovedKeys(stored);
      }
      List<Source> sources = new ArrayList<>();
      for (Map.Entry<String, List<Path>> partition : stored.entrySet()) {
        if (!touched.contains(partition.getKey())) {
          continue;
        }
        for (Path file : partition.getValue()) {
          if (RowReader.sortedByKey(file)) {
            sources.add(new StoredSource(file));
          } else {
            // An older file, not sorted by key: its rows are staged (and spilled) like new ones.
            Buffer buffer = buffers.computeIfAbsent(Thread.currentThread(), this::newBuffer);
            RowReader.read(table, file, row -> budget.charge(buffer.add(storedEntry(row), row)));
          }
        }
      }
      boolean direct = sources.isEmpty() && runs.isEmpty();
      // The merge's order is total over distinct rows: the buffers' order does not matter.
      for (Buffer buffer : buffers.values()) {
        sources.add(new ListSource(buffer.drain()));
      }
      for (Path run : List.copyOf(runs)) {
        sources.add(new RunSource(run));
      }
      Merge merge = new Merge(output, direct);
      try {
        merge.run(sources);
      } finally {
        for (Source source : sources) {
          source.close();
        }
      }
      boolean changed =
          mode == Mode.REPLACE || merge.inserted > 0 || merge.updated > 0 || !lake.exists(table);
      if (!changed) {
        merge.abandon();
        return new Prepared(
            lockChannel,
            lock,
            null,
            new CommitResult(
                false,
                merge.kept + merge.unchanged + untouchedRows(stored),
                0,
                0,
                merge.unchanged,
                merge.duplicates));
      }
      merge.finish();
      long linked = linkUntouched(stored, output);
      dev.incidents.core.io.FileTrees.deleteRecursively(runsDirectory);
      return new Prepared(
          lockChannel,
          lock,
          output,
          new CommitResult(
              true,
              merge.written + linked,
              merge.inserted,
              merge.updated,
              merge.unchanged,
              merge.duplicates));
    } catch (IOException | RuntimeException e) {
      try {
        dev.incidents.core.io.FileTrees.deleteRecursively(staging);
        if (lock != null) {
          lock.release();
        }
        if (lockChannel != null) {
          lockChannel.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot commit table " + table.name(), io);
      }
      throw (RuntimeException) e;
    } finally {
      releaseBuffers();
    }
  }

  /** A prepared commit: the new version's files, waiting under the table's lock. */
  public final class Prepared implements AutoCloseable {
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path output;
    private final CommitResult result;
    private boolean done;

    private Prepared(FileChannel lockChannel, FileLock lock, Path output, CommitResult result) {
      this.lockChannel = lockChannel;
      this.lock = lock;
      this.output = output;
      this.result = result;
    }

    public CommitResult result() {
      return result;
    }

    /** Publishes the new version (a swap of the table's link); a no-op write publishes nothing. */
    public CommitResult publish() {
      if (done) {
        throw new IllegalStateException("Commit of " + table.name() + " is already finished");
      }
      done = true;
      try {
        if (output != null) {
          Path version =
              versionsDirectory.resolve(staging.getFileName().toString().replace(".tmp", ""));
          Files.move(output, version, StandardCopyOption.ATOMIC_MOVE);
          dev.incidents.core.io.FileTrees.deleteRecursively(staging);
          TableWrite.this.publish(version);
        } else {
          dev.incidents.core.io.FileTrees.deleteRecursively(staging);
        }
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot commit table " + table.name(), e);
      } finally {
        release();
      }
    }

    @Override
    public void close() {
      if (!done) {
        done = true;
        try {
          dev.incidents.core.io.FileTrees.deleteRecursively(staging);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot discard the write of " + table.name(), e);
        } finally {
          release();
        }
      }
    }

    private void release() {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot unlock table " + table.name(), e);
      }
    }
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      releaseBuffers();
      try {
        dev.incidents.core.io.FileTrees.deleteRecursively(staging);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot discard the write of " + table.name(), e);
      }
    }
  }

  private void releaseBuffers() {
    for (Buffer buffer : buffers.values()) {
      budget.unregister(buffer);
      buffer.clear();
    }
    buffers.clear();
  }

  // ---- the sort order and its entries ----

  /**
   * One staged or stored row with what the merge orders it by. The row is kept decoded in memory
   * and encoded in runs. A staged entry stands for {@code count} staged rows of its key combined in
   * memory: {@code row} is their winner, {@code first} the earliest of their origins.
   */
  static final class Entry {
    final String key;
    final boolean stored;
    long rank;
    long tie;
    long hash;
    long origin;
    long first;
    long count;
    String partition;

    /** The row in {@link RowCodec}'s form, set when the entry is staged. */
    byte[] bytes;

    /** The entry's heap estimate while staged in memory. */
    long size;

    Entry(
        String key,
        long rank,
        long tie,
        long hash,
        long origin,
        long first,
        long count,
        boolean stored,
        String partition) {
      this.key = key;
      this.rank = rank;
      this.tie = tie;
      this.hash = hash;
      this.origin = origin;
      this.first = first;
      this.count = count;
      this.stored = stored;
      this.partition = partition;
    }

    String key() {
      return key;
    }
  }

  /** Key, then the winner first: higher rank, higher tie-break, a stored row before its equal. */
  static final Comparator<Entry> ORDER =
      (a, b) -> {
        int byKey = a.key.compareTo(b.key);
        if (byKey != 0) {
          return byKey;
        }
        int byRank = Long.compare(b.rank, a.rank);
        if (byRank != 0) {
          return byRank;
        }
        int byTie = Long.compare(b.tie, a.tie);
        if (byTie != 0) {
          return byTie;
        }
        if (a.stored != b.stored) {
          return a.stored ? -1 : 1;
        }
        return Long.compare(a.origin, b.origin);
      };

  /** A stored row's entry, without its bytes (staging or {@link #encoded} sets them). */
  private Entry storedEntry(Object[] row) {
    long hash = LakeValues.contentHash(table, row);
    // A stored row wins a tie only by content hash (order-independent); otherwise staged rows win.
    long tie = orderIndependent ? hash : Long.MIN_VALUE;
    return new Entry(
        LakeValues.keyOf(keyIndexes, row),
        rank.applyAsLong(row),
        tie,
        hash,
        -1,
        -1,
        0,
        true,
        LakeValues.partitionOf(table, partitionIndex, row));
  }

  private Entry encoded(Entry entry, Object[] row) {
    entry.bytes = codec.encode(row);
    entry.size = RowCodec.encodedEstimate(entry.bytes, entry.key);
    return entry;
  }

  /**
   * The staged rows of one thread, one entry per key: a row whose key is already staged is combined
   * with it at once (the winner stays, the count and the first origin are kept), so that re-sent
   * rows, such as an Alertmanager alert repeated in every notification while it fires, cost no
   * memory and no spill. Spilled as a sorted run when the budget says so. Stored rows (of an older,
   * unsorted file) are kept apart, for the merge to compare with.
   */
  final class Buffer {
    /** A hash map node and its share of the table, on top of the entry. */
    private static final long MAP_NODE_BYTES = 48;

    private final Thread owner;
    private java.util.HashMap<String, Entry> staged = new java.util.HashMap<>();
    private ArrayList<Entry> stored = new ArrayList<>();
    private volatile long bytes;

    Buffer(Thread owner) {
      this.owner = owner;
    }

    Thread owner() {
      return owner;
    }

    long bytes() {
      return bytes;
    }

    /**
     * Stages an entry for {@code row}; returns the change in the buffer's estimated heap. The row
     * is encoded only if it is kept: a re-delivery that loses to the staged row costs no encoding.
     */
    long add(Entry entry, Object[] row) {
      if (entry.stored) {
        stored.add(encoded(entry, row));
        bytes += entry.size;
        return entry.size;
      }
      Entry previous = staged.putIfAbsent(entry.key, entry);
      if (previous == null) {
        encoded(entry, row);
        long size = entry.size + MAP_NODE_BYTES;
        bytes += size;
        return size;
      }
      long change = 0;
      if (ORDER.compare(entry, previous) < 0) {
        encoded(entry, row);
        change = entry.size - previous.size;
        previous.rank = entry.rank;
        previous.tie = entry.tie;
        previous.hash = entry.hash;
        previous.origin = entry.origin;
        previous.partition = entry.partition;
        previous.bytes = entry.bytes;
        previous.size = entry.size;
      }
      previous.first = earlier(previous.first, entry.first);
      previous.count += entry.count;
      bytes += change;
      return change;
    }

    /** Sorts and writes the buffer to a new run; returns the bytes freed. */
    long spill() {
      long freed = bytes;
      List<Entry> entries = drainEntries();
      Path run = runsDirectory.resolve(String.format("run-%06d.bin", runNumbers.getAndIncrement()));
      try {
        Files.createDirectories(runsDirectory);
        try (RowCodec.Output out = new RowCodec.Output(Files.newOutputStream(run))) {
          for (Entry entry : entries) {
            out.writeString(entry.key);
            out.writeLong(entry.rank);
            out.writeLong(entry.tie);
            out.writeLong(entry.hash);
            out.writeLong(entry.origin);
            out.writeLong(entry.first);
            out.writeLong(entry.count);
            out.writeByte(entry.stored ? 1 : 0);
            out.writeString(entry.partition);
            out.writeInt(entry.bytes.length);
            out.writeBytes(entry.bytes);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot spill staged rows of " + table.name(), e);
      }
      runs.add(run);
      bytes = 0;
      return freed;
    }

    /** The entries, sorted; the buffer is left empty. */
    private List<Entry> drainEntries() {
      Entry[] entries = new Entry[staged.size() + stored.size()];
      int i = 0;
      for (Entry entry : staged.values()) {
        entries[i++] = entry;
      }
      for (Entry entry : stored) {
        entries[i++] = entry;
      }
      // The next run of a spilling buffer holds about as many keys: no rehashing as it fills.
      staged = new java.util.HashMap<>(Math.max(16, (int) (staged.size() / 0.75f) + 1));
      stored = new ArrayList<>();
      KeySort.sort(entries, Entry::key, ORDER);
      return java.util.Arrays.asList(entries);
    }

    List<Entry> drain() {
      List<Entry> drained = drainEntries();
      budget.release(bytes);
      bytes = 0;
      return drained;
    }

    void clear() {
      staged = new java.util.HashMap<>();
      stored = new ArrayList<>();
      bytes = 0;
    }
  }

  /** The earlier of two origins (-1 is none) by the origin order. */
  private long earlier(long current, long candidate) {
    if (candidate < 0) {
      return current;
    }
    if (current < 0) {
      return candidate;
    }
    return originOrder.compare(candidate, current) < 0 ? candidate : current;
  }

  // ---- merge sources ----

  private interface Source extends AutoCloseable {
    /** The current entry, or null at the end. */
    Entry peek();

    void advance() throws IOException;

    @Override
    void close();
  }

  private static final class ListSource implements Source {
    private final List<Entry> entries;
    private int position;

    ListSource(List<Entry> entries) {
      this.entries = entries;
    }

    @Override
    public Entry peek() {
      return position < entries.size() ? entries.get(position) : null;
    }

    @Override
    public void advance() {
      entries.set(position, null); // let the row go once merged
      position++;
    }

    @Override
    public void close() {}
  }

  private final class RunSource implements Source {
    private final RowCodec.Input in;
    private Entry current;

    RunSource(Path run) throws IOException {
      this.in = new RowCodec.Input(Files.newInputStream(run));
      advance();
    }

    @Override
    public Entry peek() {
      return current;
    }

    @Override
    public void advance() throws IOException {
      if (!in.more()) {
        current = null;
        return;
      }
      Entry entry =
          new Entry(
              in.readString(),
              in.readLong(),
              in.readLong(),
              in.readLong(),
              in.readLong(),
              in.readLong(),
              in.readLong(),
              in.readByte() != 0,
              in.readString());
      entry.bytes = in.readBytes(in.readInt());
      current = entry;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A stored file written sorted by key, streamed row by row. */
  private final class StoredSource implements Source {
    private final RowReader.Rows rows;
    private final Path file;
    private Entry current;

    StoredSource(Path file) throws IOException {
      this.file = file;
      this.rows = RowReader.open(table, file);
      advance();
    }

    @Override
    public Entry peek() {
      return current;
    }

    @Override
    public void advance() throws IOException {
      Object[] row = rows.next();
      Entry next = row == null ? null : encoded(storedEntry(row), row);
      if (next != null && current != null && next.key.compareTo(current.key) < 0) {
        throw new IOException(
            "Cannot merge "
                + file
                + ": it is marked sorted by key but "
                + next.key
                + " follows "
                + current.key);
      }
      current = next;
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  // ---- the merge ----

  private final class Merge {
    private final Path output;
    private final boolean direct;
    private final Map<String, List<byte[]>> directRows = new TreeMap<>();
    private final Map<String, RowCodec.Output> partitionSpills = new TreeMap<>();
    long inserted;
    long updated;
    long unchanged;
    long kept;
    long duplicates;
    long written;

    Merge(Path output, boolean direct) {
      this.output = output;
      this.direct = direct;
    }

    void run(List<Source> sources) throws IOException {
      PriorityQueue<Source> queue =
          new PriorityQueue<>((a, b) -> ORDER.compare(a.peek(), b.peek()));
      for (Source source : sources) {
        if (source.peek() != null) {
          queue.add(source);
        }
      }
      while (!queue.isEmpty()) {
        Source head = queue.poll();
        Entry winner = head.peek();
        Entry stored = winner.stored ? winner : null;
        long staged = winner.count;
        long firstOrigin = winner.first;
        advance(queue, head);
        while (!queue.isEmpty() && queue.peek().peek().key.equals(winner.key)) {
          Source next = queue.poll();
          Entry entry = next.peek();
          if (entry.stored) {
            if (stored == null) {
              stored = entry;
            }
          } else {
            staged += entry.count;
            firstOrigin = earlier(firstOrigin, entry.first);
          }
          advance(queue, next);
        }
        if (staged == 0) {
          kept++;
        } else {
          duplicates += staged - 1;
          if (firstOrigin >= 0) {
            firstOrigins.accept(firstOrigin);
          }
          if (stored == null) {
            inserted++;
          } else if (winner.stored || winner.hash == stored.hash) {
            unchanged++;
          } else {
            updated++;
          }
        }
        write(winner);
      }
    }

    private void advance(PriorityQueue<Source> queue, Source source) throws IOException {
      source.advance();
      if (source.peek() != null) {
        queue.add(source);
      }
    }

    private void write(Entry winner) throws IOException {
      written++;
      String partition = winner.partition;
      if (direct) {
        directRows.computeIfAbsent(partition, p -> new ArrayList<>()).add(winner.bytes);
        return;
      }
      RowCodec.Output out = partitionSpills.get(partition);
      if (out == null) {
        Files.createDirectories(runsDirectory);
        out =
            new RowCodec.Output(Files.newOutputStream(runsDirectory.resolve(spillName(partition))));
        partitionSpills.put(partition, out);
      }
      out.writeInt(winner.bytes.length);
      out.writeBytes(winner.bytes);
    }

    private String spillName(String partition) {
      return "out-" + (partition.isEmpty() ? "flat" : partition) + ".bin";
    }

    void abandon() throws IOException {
      for (RowCodec.Output out : partitionSpills.values()) {
        out.close();
      }
      directRows.clear();
    }

    /** Encodes every touched partition as one Parquet file, sorted by key, on all cores. */
    void finish() throws IOException {
      for (RowCodec.Output out : partitionSpills.values()) {
        out.close();
      }
      Set<String> partitions =
          new TreeSet<>(direct ? directRows.keySet() : partitionSpills.keySet());
      int threads =
          Math.max(1, Math.min(partitions.size(), Runtime.getRuntime().availableProcessors()));
      ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
      try {
        List<Future<?>> done = new ArrayList<>();
        for (String partition : partitions) {
          done.add(
              pool.submit(
                  () -> {
                    writePartition(partition);
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while writing " + table.name(), e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IOException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }

    private void writePartition(String partition) throws IOException {
      Path directory = partition.isEmpty() ? output : output.resolve(partition);
      Files.createDirectories(directory);
      try (ParquetWriter<byte[]> writer = openWriter(directory.resolve("part-00000.parquet"))) {
        if (direct) {
          List<byte[]> rows = directRows.get(partition);
          for (int i = 0; i < rows.size(); i++) {
            writer.write(rows.get(i));
            rows.set(i, null);
          }
          return;
        }
        Path spill = runsDirectory.resolve(spillName(partition));
        try (RowCodec.Input in = new RowCodec.Input(Files.newInputStream(spill))) {
          while (in.more()) {
            writer.write(in.readBytes(in.readInt()));
          }
        }
        Files.deleteIfExists(spill);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "lake-writer");
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---- stored partitions ----

  /** The current version's files by partition folder ("" for a flat table). */
  private Map<String, List<Path>> storedPartitions() throws IOException {
    Map<String, List<Path>> partitions = new TreeMap<>();
    if (!lake.exists(table)) {
      return partitions;
    }
    Path current = lake.tablePath(table).toRealPath();
    for (Path file : lake.files(table)) {
      Path relative = current.relativize(file.toRealPath());
      String partition = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
      partitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(file);
    }
    return partitions;
  }

  /**
   * A staged key may be stored in a partition no staged row touches (an incident whose report time
   * was corrected into another month). Such partitions join the merge, so that the key is never
   * stored twice: the key columns of the untouched partitions are checked against a Bloom filter of
   * the staged keys (a false positive only costs a rewrite).
   */
  private void findMovedKeys(Map<String, List<Path>> stored) throws IOException {
    for (Map.Entry<String, List<Path>> partition : stored.entrySet()) {
      if (touched.contains(partition.getKey())) {
        continue;
      }
      boolean[] hit = {false};
      for (Path file : partition.getValue()) {
        RowReader.readKeys(
            table,
            file,
            row -> {
              if (!hit[0] && bloomMightContain(LakeValues.keyOf(keyIndexes, row))) {
                hit[0] = true;
              }
            });
        if (hit[0]) {
          break;
        }
      }
      if (hit[0]) {
        touched.add(partition.getKey());
      }
    }
  }

  private long untouchedRows(Map<String, List<Path>> stored) throws IOException {
    long rows = 0;
    for (Map.Entry<String, List<Path>> partition : stored.entrySet()) {
      if (!touched.contains(partition.getKey())) {
        for (Path file : partition.getValue()) {
          rows += RowReader.rowCount(file);
        }
      }
    }
    return rows;
  }

  /** Links the untouched partitions' files into the new version; returns their rows. */
  private long linkUntouched(Map<String, List<Path>> stored, Path output) throws IOException {
    long rows = 0;
    Path current =
        mode == Mode.UPSERT && lake.exists(table) ? lake.tablePath(table).toRealPath() : null;
    for (Map.Entry<String, List<Path>> partition : stored.entrySet()) {
      if (touched.contains(partition.getKey())) {
        continue;
      }
      for (Path file : partition.getValue()) {
        Path target = output.resolve(current.relativize(file.toRealPath()).toString());
        Files.createDirectories(target.getParent());
        try {
          Files.createLink(target, file.toRealPath());
        } catch (UnsupportedOperationException | IOException notLinkable) {
          Files.copy(file, target);
        }
        rows += RowReader.rowCount(file);
      }
    }
    return rows;
  }

  private void bloomAdd(String key) {
    long hash = bloomHash(key);
    for (int i = 0; i < 3; i++) {
      int bit = (int) ((hash >>> (i * 21)) & (BLOOM_BITS - 1));
      long mask = 1L << (bit & 63);
      int word = bit >>> 6;
      long value;
      do {
        value = bloom.get(word);
        if ((value & mask) != 0) {
          break;
        }
      } while (!bloom.compareAndSet(word, value, value | mask));
    }
  }

  private boolean bloomMightContain(String key) {
    long hash = bloomHash(key);
    for (int i = 0; i < 3; i++) {
      int bit = (int) ((hash >>> (i * 21)) & (BLOOM_BITS - 1));
      if ((bloom.get(bit >>> 6) & (1L << (bit & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  private static long bloomHash(String key) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      hash ^= key.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return hash;
  }

  // ---- versions and links ----

  private void publish(Path version) throws IOException {
    Path link = lake.tablePath(table);
    Path temporaryLink = lake.root().resolve("." + table.name() + ".link-" + nonce());
    Files.createSymbolicLink(temporaryLink, lake.root().relativize(version));
    if (Files.exists(link) && !Files.isSymbolicLink(link)) {
      throw new FileAlreadyExistsException(
          link.toString(), null, "a table folder that is not a lake link is in the way");
    }
    // rename(2) replaces the old link atomically: readers see the old or the new version.
    Files.move(temporaryLink, link, StandardCopyOption.ATOMIC_MOVE);
    pruneOldVersions(version);
  }

  /**
   * Keeps the new version and the one before it (a reader may still be scanning it); older ones go.
   */
  private void pruneOldVersions(Path current) throws IOException {
    List<Path> versions = new ArrayList<>();
    try (Stream<Path> list = Files.list(versionsDirectory)) {
      list.filter(path -> !path.getFileName().toString().endsWith(".tmp"))
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(path -> path.getFileName().toString()))
          .forEach(versions::add);
    }
    versions.remove(current);
    for (int i = 0; i < versions.size() - 1; i++) {
      dev.incidents.core.io.FileTrees.deleteRecursively(versions.get(i));
    }
  }

  /**
   * Removes staging folders and temporary links that a killed writer left behind. A staging folder
   * records its owner's pid; only folders of processes that are gone are removed.
   */
  private void removeLeftovers() throws IOException {
    Files.writeString(staging.resolve(".owner"), Long.toString(ProcessHandle.current().pid()));
    try (Stream<Path> list = Files.list(versionsDirectory)) {
      for (Path path : list.toList()) {
        if (path.getFileName().toString().endsWith(".tmp")
            && !path.equals(staging)
            && !ownerAlive(path)) {
          dev.incidents.core.io.FileTrees.deleteRecursively(path);
        }
      }
    }
    Instant stale = Instant.now().minusSeconds(60);
    try (Stream<Path> list = Files.list(lake.root())) {
      for (Path path : list.toList()) {
        if (path.getFileName().toString().startsWith("." + table.name() + ".link-")
            && Files.getLastModifiedTime(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(stale)) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static boolean ownerAlive(Path stagingFolder) {
    try {
      long pid = Long.parseLong(Files.readString(stagingFolder.resolve(".owner")).trim());
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false; // no owner file: the writer died before writing it
    }
  }

  private FileChannel lockFile() throws IOException {
    return FileChannel.open(
        versionsDirectory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /**
   * Parquet writers are built one at a time: built concurrently, a writer sometimes ignored its
   * per-column dictionary settings (seen as a dictionary on {@code title} in one run of the
   * parallel ingest and not in the next), which broke byte-for-byte reproducibility. Building is
   * cheap; the writing itself stays parallel.
   */
  private static final Object WRITER_SETUP = new Object();

  private ParquetWriter<byte[]> openWriter(Path file) throws IOException {
    synchronized (WRITER_SETUP) {
      return buildWriter(file);
    }
  }

  private ParquetWriter<byte[]> buildWriter(Path file) throws IOException {
    RowWriterBuilder builder =
        new RowWriterBuilder(new LocalOutputFile(file), table)
            .withConf(LakeValues.hadoop())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(ROW_GROUP_BYTES)
            .withPageSize(1024 * 1024)
            .withDictionaryEncoding(true)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
    for (dev.incidents.core.schema.Column column : table.columns()) {
      if (!dictionaryPays(column)) {
        builder = builder.withDictionaryEncoding(column.name(), false);
      }
    }
    return builder.build();
  }

  /**
   * Dictionaries only where they pay: not for keys, free text, links and times, whose values hardly
   * repeat (JFR showed the dictionary's hash map on the write path, and Parquet falls back to plain
   * pages for such columns anyway, after paying for the attempt).
   */
  static boolean dictionaryPays(dev.incidents.core.schema.Column column) {
    String name = column.name();
    return switch (column.type()) {
      case TIMESTAMP, DOUBLE -> false;
      case STRING ->
          !(name.equals("message_id")
              || name.equals("alert_id")
              || name.equals("event_id")
              || name.equals("page_id")
              || name.equals("fingerprint")
              || name.equals("text")
              || name.equals("raw")
              || name.equals("message")
              || name.equals("summary")
              || name.equals("description")
              || name.equals("title")
              || name.endsWith("_url")
              || name.equals("url")
              || name.equals("thread_id")
              || name.equals("position")
              || name.equals("origin_id"));
      default -> true;
    };
  }

  private static String nonce() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static final class RowWriterBuilder
      extends ParquetWriter.Builder<byte[], RowWriterBuilder> {
    private final TableSchema table;

    RowWriterBuilder(OutputFile file, TableSchema table) {
      super(file);
      this.table = table;
    }

    @Override
    protected RowWriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<byte[]> getWriteSupport(Configuration configuration) {
      return new EncodedWriteSupport(table);
    }
  }
}
