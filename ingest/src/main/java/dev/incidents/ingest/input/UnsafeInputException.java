package dev.incidents.ingest.input;

import dev.incidents.core.model.IngestErrorCode;

/** An archive entry or link that must not be read: zip-slip, zip bomb, link out of the input. */
public final class UnsafeInputException extends RuntimeException {
  private final IngestErrorCode code;

  public UnsafeInputException(IngestErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public IngestErrorCode code() {
    return code;
  }
}
