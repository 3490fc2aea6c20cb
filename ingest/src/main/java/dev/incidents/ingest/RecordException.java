package dev.incidents.ingest;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.model.IngestErrorCode;

/** A record that cannot be converted; it goes to quarantine with this code and message. */
public final class RecordException extends RuntimeException {
  private final IngestErrorCode code;

  public RecordException(IngestErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public IngestErrorCode code() {
    return code;
  }
}
