package dev.incidents.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code incidents} launcher: one subcommand per job. */
@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    version = "incidents 0.1.0",
    description = "Incident analytics and post-mortem pipeline.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      PullCommand.class,
      TransformCommand.class,
      ReportCommand.class,
      DraftCommand.class,
      SqlCommand.class,
      NotebookCommand.class,
      BenchCommand.class,
      ClusterCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ok",
      "  1  failure",
      "  2  bad usage or bad input",
      "  3  partial success (some records quarantined)"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] arguments) {
    System.exit(
        run(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line; the exit code follows {@link ExitCode}. */
  public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          err.println("incidents: " + exception.getMessage());
          CommandLine command = exception.getCommandLine();
          err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          boolean verbose =
              parseResult.expandedArgs().contains("-v")
                  || parseResult.expandedArgs().contains("--verbose");
          if (verbose) {
            exception.printStackTrace(err);
          }
          if (exception instanceof UserException) {
            err.println("incidents: " + exception.getMessage());
            return ExitCode.USAGE;
          }
          err.println(
              "incidents: "
                  + (exception.getMessage() == null
                      ? exception.getClass().getSimpleName()
                      : exception.getMessage())
                  + (verbose ? "" : " (run with -v for details)"));
          return ExitCode.FAILURE;
        });
    return commandLine.execute(arguments);
  }
}
