package dev.incidents.cli;

/** The launcher's exit codes; a scheduler can alert on anything but {@link #OK}. */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;

  /** Something failed while running. */
  public static final int FAILURE = 1;

  /** Bad usage or bad input: a flag, a file, a missing data window. */
  public static final int USAGE = 2;

  /** Done, but some records were quarantined. */
  public static final int PARTIAL = 3;
}
