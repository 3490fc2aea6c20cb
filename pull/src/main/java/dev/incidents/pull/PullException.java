package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

/** A pull failure with its code. The message never contains a token. */
public class PullException extends RuntimeException {
  private final PullErrorCode code;

  public PullException(PullErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public PullErrorCode code() {
    return code;
  }
}
