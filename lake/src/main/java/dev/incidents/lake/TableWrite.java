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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * One atomic write of one table. Rows are spilled to a staging file as they arrive, so memory holds
 * only the keys (and a content hash per key), never the rows. {@link #commit()} merges the current
 * version with the staged rows into a new version and swaps the table link. Closing without a
 * commit discards everything.
 */
public final class TableWrite implements AutoCloseable {
  /** Row groups are capped so that readers can split a file across cores. */
  public static final long ROW_GROUP_BYTES = 32L * 1024 * 1024;

  private static final int MAX_OPEN_PARTITION_WRITERS = 6;
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

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
  private final Map<String, long[]> lastByKey = new HashMap<>();
  private ParquetWriter<Object[]> spill;
  private java.util.function.ToLongFunction<Object[]> rank = row -> 0;
  private boolean orderIndependent;
  private long sequence;
  private long duplicatesInBatch;
  private boolean finished;

  TableWrite(Lake lake, TableSchema table, Mode mode) {
    this.lake = lake;
    this.table = table;
    this.mode = mode;
    this.keyIndexes = table.keyColumns().stream().mapToInt(table::indexOf).toArray();
    this.partitionIndex = table.partitionColumn().map(table::indexOf).orElse(-1);
    this.versionsDirectory = lake.root().resolve(Lake.VERSIONS).resolve(table.name());
    String version = "v" + VERSION_TIME.format(Instant.now()) + "-" + nonce();
    this.staging = versionsDirectory.resolve(version + ".tmp");
    try {
      Files.createDirectories(staging);
      removeLeftovers();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare a write of " + table.name(), e);
    }
  }

  /**
   * Ranks rows that share a key: the higher rank wins, ties go to the later row (or, {@link
   * #orderIndependent()}, to the higher content hash). Alerts rank a resolved delivery above a
   * firing one, so a late re-delivery never un-resolves an alert.
   */
  /**
   * Ties of rank go to the higher content hash instead of the later row: whatever the order in
   * which versions arrive, across batches and commits, the same row stays. The ingest uses this, so
   * that the lake comes out the same whatever the order and grouping of ingests.
   */
  public TableWrite orderIndependent() {
    this.orderIndependent = true;
    return this;
  }

  public TableWrite preferring(java.util.function.ToLongFunction<Object[]> rank) {
    this.rank = rank;
    return this;
  }

  /**
   * Adds one row; a later row with the same key replaces an earlier one unless it ranks lower (see
   * {@link #orderIndependent()}).
   *
   * @return true when the key was already given in this write (a duplicate)
   */
  public boolean add(Object[] row) {
    if (finished) {
      throw new IllegalStateException("Write of " + table.name() + " is already finished");
    }
    Object[] normalized = LakeValues.normalize(table, row);
    String key = LakeValues.keyOf(keyIndexes, normalized);
    long hash = LakeValues.contentHash(table, normalized);
    long rowRank = rank.applyAsLong(normalized);
    long[] previous = lastByKey.get(key);
    if (previous == null
        || rowRank > previous[2]
        || (rowRank == previous[2] && (!orderIndependent || hash >= previous[1]))) {
      lastByKey.put(key, new long[] {sequence, hash, rowRank});
    }
    if (previous != null) {
      duplicatesInBatch++;
    }
    try {
      if (spill == null) {
        spill = openSpill(staging.resolve("_incoming.parquet"));
      }
      spill.write(normalized);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage a row of " + table.name(), e);
    }
    sequence++;
    return previous != null;
  }

  /** Whether the stored row outranks the staged one (see {@link #orderIndependent()}). */
  private boolean storedWins(Object[] stored, long[] staged) {
    long storedRank = rank.applyAsLong(stored);
    if (storedRank != staged[2]) {
      return storedRank > staged[2];
    }
    return orderIndependent && LakeValues.contentHash(table, stored) > staged[1];
  }

  public long rowsAdded() {
    return sequence;
  }

  /**
   * Merges and publishes. When every staged row equals the row already stored under its key (an
   * upsert of the same data), nothing is published and the lake is left byte-for-byte unchanged.
   */
  public CommitResult commit() {
    if (finished) {
      throw new IllegalStateException("Write of " + table.name() + " is already finished");
    }
    finished = true;
    try (FileChannel lockChannel = lockFile();
        FileLock ignored = lockChannel.lock()) {
      closeSpill();
      Path output = staging.resolve("data");
      Files.createDirectories(output);
      long[] counts = new long[3]; // updated, unchanged, kept
      try (PartitionWriters writers = new PartitionWriters(output)) {
        if (mode == Mode.UPSERT) {
          lake.read(
              table,
              row -> {
                long[] staged = lastByKey.get(LakeValues.keyOf(keyIndexes, row));
                if (staged == null) {
                  counts[2]++;
                  writers.write(row);
                } else if (storedWins(row, staged)) {
                  // The stored row outranks the staged one: keep it, drop the staged row.
                  staged[0] = -1;
                  staged[1] = LakeValues.contentHash(table, row);
                  counts[1]++;
                  writers.write(row);
                } else if (staged[1] == LakeValues.contentHash(table, row)) {
                  counts[1]++;
                } else {
                  counts[0]++;
                }
              });
        }
        long replaced = counts[0] + counts[1];
        long inserted = lastByKey.size() - replaced;
        boolean changed =
            mode == Mode.REPLACE || inserted > 0 || counts[0] > 0 || !lake.exists(table);
        if (!changed) {
          writers.abandon();
          dev.incidents.core.io.FileTrees.deleteRecursively(staging);
          return new CommitResult(false, counts[2] + counts[1], 0, 0, counts[1], duplicatesInBatch);
        }
        Path incoming = staging.resolve("_incoming.parquet");
        if (Files.exists(incoming)) {
          long[] position = {0};
          RowReader.read(
              table,
              incoming,
              row -> {
                long[] last = lastByKey.get(LakeValues.keyOf(keyIndexes, row));
                if (last[0] == position[0]) {
                  writers.write(row);
                }
                position[0]++;
              });
        }
        writers.close();
        Files.deleteIfExists(incoming);
        Path version =
            versionsDirectory.resolve(staging.getFileName().toString().replace(".tmp", ""));
        Files.move(output, version, StandardCopyOption.ATOMIC_MOVE);
        dev.incidents.core.io.FileTrees.deleteRecursively(staging);
        publish(version);
        return new CommitResult(
            true, counts[2] + lastByKey.size(), inserted, counts[0], counts[1], duplicatesInBatch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit table " + table.name(), e);
    }
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      try {
        closeSpill();
        dev.incidents.core.io.FileTrees.deleteRecursively(staging);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot discard the write of " + table.name(), e);
      }
    }
  }

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

  private void closeSpill() throws IOException {
    if (spill != null) {
      spill.close();
      spill = null;
    }
  }

  /**
   * The staging file is read once and deleted, so it is written without dictionaries or compression
   * (JFR showed dictionary encoding on the ingest hot path).
   */
  private ParquetWriter<Object[]> openSpill(Path file) throws IOException {
    return new RowWriterBuilder(new LocalOutputFile(file), table)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withPageSize(1024 * 1024)
        .withDictionaryEncoding(false)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  private ParquetWriter<Object[]> openWriter(Path file) throws IOException {
    return new RowWriterBuilder(new LocalOutputFile(file), table)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withPageSize(1024 * 1024)
        .withDictionaryEncoding(true)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  private static String nonce() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * One open Parquet writer per partition, least recently used closed first so that memory stays
   * bounded however many months a table spans; a reopened partition gets a new part file.
   */
  private final class PartitionWriters implements AutoCloseable {
    private final Path output;
    private final LinkedHashMap<String, ParquetWriter<Object[]>> open =
        new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> partCounts = new HashMap<>();

    PartitionWriters(Path output) {
      this.output = output;
    }

    void write(Object[] row) {
      String partition = LakeValues.partitionOf(table, partitionIndex, row);
      try {
        ParquetWriter<Object[]> writer = open.get(partition);
        if (writer == null) {
          if (open.size() >= MAX_OPEN_PARTITION_WRITERS) {
            var eldest = open.entrySet().iterator().next();
            eldest.getValue().close();
            open.remove(eldest.getKey());
          }
          int part = partCounts.merge(partition, 1, Integer::sum) - 1;
          Path directory = partition.isEmpty() ? output : output.resolve(partition);
          Files.createDirectories(directory);
          writer = openWriter(directory.resolve(String.format("part-%05d.parquet", part)));
          open.put(partition, writer);
        }
        writer.write(row);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write table " + table.name(), e);
      }
    }

    void abandon() throws IOException {
      close();
    }

    @Override
    public void close() throws IOException {
      for (ParquetWriter<Object[]> writer : open.values()) {
        writer.close();
      }
      open.clear();
    }
  }

  private static final class RowWriterBuilder
      extends ParquetWriter.Builder<Object[], RowWriterBuilder> {
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
    protected WriteSupport<Object[]> getWriteSupport(Configuration configuration) {
      return new RowWriteSupport(table);
    }
  }
}
