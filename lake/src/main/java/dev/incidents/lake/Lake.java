package dev.incidents.lake;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A lake on the local filesystem.
 *
 * <p>Layout: {@code <root>/<table>} is a symbolic link to an immutable version folder {@code
 * <root>/.versions/<table>/v<timestamp>-<nonce>}, which holds {@code
 * month=YYYY-MM/part-NNNNN.parquet} files (flat tables have no month folders). A commit writes a
 * complete new version beside the old one, then replaces the link with an atomic rename. A reader
 * that follows the link sees the old version or the new one, never a mix, and a writer killed at
 * any moment leaves the old version in place; its leftovers are removed by the next writer.
 */
public final class Lake {
  static final String VERSIONS = ".versions";

  private final Path root;

  public Lake(Path root) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The table folder as users and engines address it (a link to the current version). */
  public Path tablePath(TableSchema table) {
    return root.resolve(table.name());
  }

  public boolean exists(TableSchema table) {
    return Files.isDirectory(tablePath(table));
  }

  /** The current Parquet files of a table, sorted; empty when the table was never written. */
  public List<Path> files(TableSchema table) {
    Path path = tablePath(table);
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(path.toRealPath())) {
      List<Path> files = new ArrayList<>();
      walk.filter(file -> file.getFileName().toString().endsWith(".parquet"))
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .forEach(files::add);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list table " + table.name() + " in " + root, e);
    }
  }

  /** Streams every row of the current version of a table, in file order. */
  public void read(TableSchema table, Consumer<Object[]> sink) {
    for (Path file : files(table)) {
      try {
        RowReader.read(table, file, sink);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
  }

  public List<Object[]> readAll(TableSchema table) {
    List<Object[]> rows = new ArrayList<>();
    read(table, rows::add);
    return rows;
  }

  /**
   * Starts a write that inserts new keys and replaces existing ones; rows not mentioned are kept.
   */
  public TableWrite upsert(TableSchema table) {
    return new TableWrite(this, table, TableWrite.Mode.UPSERT, null);
  }

  /** An upsert whose staged rows share {@code budget} with the other writes of one job. */
  public TableWrite upsert(TableSchema table, MemoryBudget budget) {
    return new TableWrite(this, table, TableWrite.Mode.UPSERT, budget);
  }

  /** Starts a write whose rows become the whole table (derived tables). */
  public TableWrite replace(TableSchema table) {
    return new TableWrite(this, table, TableWrite.Mode.REPLACE, null);
  }
}
