package dev.incidents.cli;

import java.io.PrintWriter;

/** The one-line answer of a command whose issue has not landed yet. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static int report(PrintWriter err, String command, String issue) {
    err.println("incidents " + command + ": not built yet (" + issue + ")");
    return ExitCode.USAGE;
  }
}
