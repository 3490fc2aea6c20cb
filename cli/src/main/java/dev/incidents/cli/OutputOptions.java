package dev.incidents.cli;

import picocli.CommandLine.Option;

/**
 * {@code -q} and {@code -v}, which every command takes. Quiet means the same everywhere: only
 * errors (on stderr) and the final result's path or value (on stdout). The two cannot be combined.
 */
public final class OutputOptions {
  @Option(
      names = {"-q", "--quiet"},
      description = "Print only errors and the final result's path.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show stack traces and details.")
  boolean verbose;

  public boolean quiet() {
    return quiet;
  }

  public boolean verbose() {
    return verbose;
  }
}
