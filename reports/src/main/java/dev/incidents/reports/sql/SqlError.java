package dev.incidents.reports.sql;

import static java.util.Objects.requireNonNull;

/**
 * A statement that did not run, with a one-line message a person can act on. The {@link Kind} tells
 * a refusal by the read-only gate from a mistake in the SQL and from a failure while running; the
 * message never carries DuckDB's multi-line detail or its internal table names.
 */
public final class SqlError extends RuntimeException {
  /** Why a statement did not run. */
  public enum Kind {
    /** The read-only gate refused it: it would write, load or reconfigure. */
    REFUSED,
    /** It does not parse. */
    SYNTAX,
    /** It parsed but failed while binding or running (unknown table, bad cast, ...). */
    FAILED,
    /** The user cancelled it while it ran. */
    CANCELLED
  }

  private final Kind kind;

  public SqlError(Kind kind, String message) {
    super(requireNonNull(message, "message is null"));
    this.kind = requireNonNull(kind, "kind is null");
    if (message.contains("\n")) {
      throw new IllegalArgumentException("An SQL error message is one line: " + message);
    }
  }

  public Kind kind() {
    return kind;
  }
}
