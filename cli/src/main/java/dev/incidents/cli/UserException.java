package dev.incidents.cli;

/** A problem the user can fix; printed as one line, exit code {@link ExitCode#USAGE}. */
public final class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }
}
