package dev.incidents.cli;

import dev.incidents.lake.Lake;
import dev.incidents.reports.sql.ReadOnlyLake;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

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
      ReceiveCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  ok",
      "  1  failure",
      "  2  bad usage or bad input",
      "  3  partial success (some records quarantined)"
    })
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The commands that read an existing lake: on a folder that is not a lake they stop with exit 2
   * before doing anything, and create nothing.
   */
  static final Set<String> LAKE_READERS =
      Set.of(
          "incidents sql",
          "incidents notebook run",
          "incidents report monthly",
          "incidents draft",
          "incidents transform");

  /** Two options of one command that contradict each other; "*" is every command. */
  record Conflict(String command, String first, String second, String reason) {}

  /** Every pair of options that cannot be combined; both are named in the error. */
  static final List<Conflict> CONFLICTS =
      List.of(
          new Conflict("*", "-q", "-v", "quiet and verbose contradict each other"),
          new Conflict("incidents sql", "-e", "-f", "give a query or a file of statements"),
          new Conflict(
              "incidents draft",
              "INCIDENT",
              "--resolved-since",
              "give one incident, or draft every one resolved since then"),
          new Conflict(
              "incidents draft",
              "--catch-up",
              "--resolved-since",
              "--catch-up is for one incident"),
          new Conflict(
              "incidents draft",
              "--out",
              "--resolved-since",
              "--resolved-since writes into --out-dir"));

  /** Without a subcommand: the help on stderr, and exit 2 so a script notices. */
  @Override
  public Integer call() {
    return usageError(spec);
  }

  /** Prints a command's help to stderr after a one-line reason; returns exit 2. */
  static int usageError(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("incidents: " + spec.qualifiedName() + " needs a command");
    spec.commandLine().usage(err);
    return ExitCode.USAGE;
  }

  public static void main(String[] arguments) {
    System.exit(
        run(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** The command line with its handlers, Examples sections and checks, ready to execute. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    Examples.install(commandLine);
    commandLine.setParameterExceptionHandler(
        (exception, args) -> {
          err.println("incidents: " + exception.getMessage());
          if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
          }
          CommandLine command = exception.getCommandLine();
          err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE;
        });
    commandLine.setExecutionStrategy(Main::checkThenRun);
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
    return commandLine;
  }

  /** Runs a command line; the exit code follows {@link ExitCode}. */
  public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(arguments);
  }

  /** Help first; then conflicting options and a missing lake, before the command runs. */
  private static int checkThenRun(ParseResult parseResult) {
    Integer help = CommandLine.executeHelpRequest(parseResult);
    if (help != null) {
      return help;
    }
    ParseResult last = parseResult;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    CommandLine command = last.commandSpec().commandLine();
    String name = last.commandSpec().qualifiedName();
    for (Conflict conflict : CONFLICTS) {
      if ((conflict.command().equals("*") || conflict.command().equals(name))
          && given(last, conflict.first())
          && given(last, conflict.second())) {
        throw new CommandLine.ParameterException(
            command,
            conflict.first()
                + " and "
                + conflict.second()
                + " cannot be used together: "
                + conflict.reason());
      }
    }
    // A bad flag value is reported before a missing lake: the user fixes the command line first.
    if (name.startsWith("incidents report ") && last.hasMatchedOption("--as-of")) {
      try {
        ReportCommand.asOf(last.matchedOption("--as-of").getValue());
      } catch (UserException e) {
        throw new CommandLine.ParameterException(command, e.getMessage());
      }
    }
    if (LAKE_READERS.contains(name)) {
      CommonOptions common = commonOptions(last.commandSpec());
      if (common != null) {
        Lake lake;
        try {
          lake = common.lake(common.resolve());
        } catch (UserException e) {
          throw new CommandLine.ExecutionException(command, e.getMessage(), e);
        }
        if (!ReadOnlyLake.isLake(lake)) {
          UserException noLake =
              new UserException(
                  "No lake at " + lake.root() + ": run incidents ingest first, or pass --lake");
          throw new CommandLine.ExecutionException(command, noLake.getMessage(), noLake);
        }
      }
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static boolean given(ParseResult result, String name) {
    if (result.hasMatchedOption(name)) {
      return true;
    }
    return result.matchedPositionals().stream()
        .anyMatch(positional -> positional.paramLabel().equals(name));
  }

  private static CommonOptions commonOptions(CommandSpec spec) {
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof CommonOptions common) {
        return common;
      }
    }
    return null;
  }
}
