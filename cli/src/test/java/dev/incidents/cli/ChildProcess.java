package dev.incidents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code incidents <command>} in its own JVM, as a scheduler would run it. */
final class ChildProcess {
  record Result(int exitCode, String output) {}

  private ChildProcess() {}

  /**
   * Runs the command in {@code directory} with exactly these {@code INCIDENTS_*} variables (the
   * test's own are removed); standard output and error are captured together.
   */
  static Result run(Path directory, String command, Map<String, String> environment)
      throws Exception {
    List<String> arguments = new ArrayList<>();
    arguments.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    arguments.add("-cp");
    arguments.add(System.getProperty("java.class.path"));
    arguments.add(Main.class.getName());
    arguments.addAll(Arrays.asList(command.split("\\s+")));
    ProcessBuilder builder = new ProcessBuilder(arguments).directory(directory.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("INCIDENTS_"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    File output = directory.resolve("output.txt").toFile();
    builder.redirectOutput(output);
    Process process = builder.start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(command).isTrue();
    return new Result(
        process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
  }
}
