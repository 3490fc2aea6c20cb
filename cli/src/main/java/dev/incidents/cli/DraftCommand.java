package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "draft",
    mixinStandardHelpOptions = true,
    description = "Draft a post-mortem for one incident from its timeline.")
final class DraftCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "INCIDENT",
      arity = "0..1",
      description = "INC-101, 101 or an incident_id.")
  String incident;

  @Option(names = "--llm", description = "none (default), openai, ollama or anthropic.")
  String llm;

  @Option(names = "--template", description = "google, pagerduty or atlassian.")
  String template;

  @Option(names = "--out", paramLabel = "FILE", description = "Output file.")
  java.nio.file.Path out;

  @Option(
      names = "--catch-up",
      description = "A short summary for someone joining an active incident.")
  boolean catchUp;

  @Option(
      names = "--resolved-since",
      paramLabel = "DATE|DURATION",
      description = "Draft every incident resolved since then.")
  String resolvedSince;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "draft", "issue 9");
  }
}
