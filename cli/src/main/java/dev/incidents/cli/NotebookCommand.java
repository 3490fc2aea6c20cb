package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.reports.sql.NotebookRunner;
import dev.incidents.reports.sql.ReadOnlyLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = "SQL notebooks over the lake.",
    subcommands = {NotebookCommand.Run.class})
final class NotebookCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the help on stderr, and exit 2 so a script notices. */
  @Override
  public Integer call() {
    return Main.usageError(spec);
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Execute a SQL notebook (Markdown with ```sql cells) through the read-only connection and"
            + " write it with result tables and charts. Exit 1 when a cell fails."
      })
  static final class Run implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "FILE",
        description = "A notebook, e.g. notebooks/01-mttr-by-service-and-severity.md.")
    Path file;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Output folder (default: data/notebooks).")
    Path out;

    @Option(names = "--format", split = ",", description = "md, html (default: both).")
    List<String> formats;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new UserException("Notebook not found: " + file);
      }
      List<String> selected = formats == null ? List.of("md", "html") : formats;
      for (String format : selected) {
        if (!List.of("md", "html").contains(format)) {
          throw new UserException("Unknown --format: " + format + " (expected md or html)");
        }
      }
      Config config = common.resolve();
      Path target = out != null ? out : Path.of("data", "notebooks");
      String name = file.getFileName().toString().replaceFirst("\\.md$", "");
      NotebookRunner.Outcome outcome;
      try (Connection connection = ReadOnlyLake.open(common.lake(config), "UTC")) {
        outcome = NotebookRunner.run(Files.readString(file), connection);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot open the lake: " + e.getMessage(), e);
      }
      NotebookRunner.write(outcome, target, name, selected);
      if (common.quiet()) {
        for (String format : selected) {
          spec.commandLine().getOut().println(target.resolve(name + "." + format));
        }
      } else {
        spec.commandLine()
            .getOut()
            .printf(
                "Notebook %s: %d cells, %d failed; wrote %s%n",
                name,
                outcome.cells(),
                outcome.failed(),
                String.join(
                    ", ",
                    selected.stream()
                        .map(format -> target.resolve(name + "." + format).toString())
                        .toList()));
      }
      return outcome.failed() > 0 ? ExitCode.FAILURE : ExitCode.OK;
    }
  }
}
