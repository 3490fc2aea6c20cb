package dev.incidents.receiver;

import static java.util.Objects.requireNonNull;

/** An append that is not durable: the request must get a 503 so that the sender retries. */
public final class SpoolUnavailableException extends Exception {
  private final RejectReason reason;

  public SpoolUnavailableException(RejectReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason is null");
    if (reason != RejectReason.SPOOL_FAILURE
        && reason != RejectReason.SPOOL_FULL
        && reason != RejectReason.SHUTTING_DOWN) {
      throw new IllegalArgumentException("Invalid spool reject reason: " + reason);
    }
  }

  public RejectReason reason() {
    return reason;
  }
}
