package dev.incidents.transform;

import dev.incidents.core.schema.TableSchema;
import java.util.function.Consumer;

/** Runs the SQL pipeline's steps over the lake's tables on one engine. */
public interface Engine extends AutoCloseable {
  /** The dialect name that picks dialect-specific SQL files: {@code spark} or {@code duckdb}. */
  String dialect();

  /** Evaluates a step's SELECT and makes it available to later steps under {@code view}. */
  void materialize(String view, String sql);

  /** Streams the rows of a view in the column order of {@code table}. */
  void collect(String view, TableSchema table, Consumer<Object[]> sink);

  @Override
  void close();
}
