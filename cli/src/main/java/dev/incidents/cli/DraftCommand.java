package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.drafter.DraftSettings;
import dev.incidents.drafter.Drafter;
import dev.incidents.drafter.LlmSettings;
import dev.incidents.drafter.Template;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
    description = {
      "Draft a post-mortem for one incident from its timeline: deterministic (every line cites its"
          + " source) and, with --llm, an LLM narrative that is redacted, fenced and validated.",
      "A draft a human has edited is never overwritten: NAME.v2.md is written instead."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  incidents draft INC-19                          google template, data/drafts/INC-19.md",
      "  incidents draft INC-19 --template pagerduty --out INC-19.md",
      "  incidents draft INC-19 --template my-template.md --full-timeline",
      "  incidents draft INC-19 --llm openai              needs llm.base-url, llm.model and INCIDENTS_LLM_API_KEY",
      "  incidents draft INC-19 --catch-up                prints a catch-up for someone joining",
      "  incidents draft --resolved-since 24h --out-dir data/drafts",
      "",
      "An INCIDENT and --resolved-since exclude each other, and so do --catch-up and --resolved-since."
    })
final class DraftCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "INCIDENT",
      arity = "0..1",
      description = "INC-101, 101 or an incident_id.")
  String incident;

  @Option(
      names = "--llm",
      description =
          "none (default), openai, ollama or anthropic; INCIDENTS_LLM_BASE_URL, _MODEL, _API_KEY configure it.")
  String llm;

  @Option(
      names = "--template",
      defaultValue = "google",
      description =
          "google (default: the SRE book), pagerduty, atlassian, or the path of a Markdown template with {{placeholders}} (docs/drafts.md).")
  String template;

  @Option(
      names = "--full-timeline",
      description = "Add the whole chat of the incident as an appendix.")
  boolean fullTimeline;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Output file (default: data/drafts/INCIDENT.md).")
  Path out;

  @Option(
      names = "--out-dir",
      paramLabel = "DIR",
      defaultValue = "data/drafts",
      description = "Folder for --resolved-since (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Option(
      names = "--catch-up",
      description =
          "A short summary for someone joining an active incident: printed, or written to --out.")
  boolean catchUp;

  @Option(
      names = "--resolved-since",
      paramLabel = "DATE|DURATION",
      description =
          "Draft every counted incident resolved since then with no published post-mortem (e.g. 2026-11-01 or 24h).")
  String resolvedSince;

  @Override
  public Integer call() throws IOException {
    if (incident != null && resolvedSince != null) {
      throw new UserException(
          "INCIDENT ("
              + incident
              + ") and --resolved-since ("
              + resolvedSince
              + ") exclude each other: give one");
    }
    if (catchUp && resolvedSince != null) {
      throw new UserException(
          "--catch-up and --resolved-since exclude each other: --catch-up is for one INCIDENT");
    }
    Template chosen;
    try {
      chosen = Template.named(template);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    Config config =
        common.resolve(
            llm == null
                ? java.util.Map.of()
                : java.util.Map.of(ConfigKeys.LLM_PROVIDER.name(), llm));
    LlmSettings settings = LlmSettings.from(config, null);
    if (!List.of("none", "openai", "ollama", "anthropic").contains(settings.provider())) {
      throw new UserException(
          "Unknown --llm: "
              + settings.provider()
              + " (expected none, openai, ollama or anthropic)");
    }
    if (!catchUp) {
      try {
        settings.check();
      } catch (LlmSettings.MissingConfigurationException e) {
        throw new UserException(e.getMessage());
      }
    }
    DraftSettings draftSettings;
    try {
      draftSettings = DraftSettings.from(config, fullTimeline);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    Lake lake = common.lake(config);
    if (!lake.exists(dev.incidents.core.schema.LakeTables.INCIDENT_FACTS)) {
      throw new UserException(
          "No incident_facts in the lake at " + lake.root() + ": run `incidents transform` first");
    }
    Drafter drafter = new Drafter(lake, draftSettings, settings, 500);
    PrintWriter print = spec.commandLine().getOut();
    try (Connection connection = LakeViews.open(lake)) {
      if (resolvedSince != null) {
        List<String> references = Drafter.resolvedSince(connection, since(resolvedSince));
        int skipped = 0;
        for (String reference : references) {
          Path file = outDir.resolve(reference + ".md");
          if (java.nio.file.Files.exists(file)) {
            skipped++;
            continue;
          }
          Drafter.Result result = drafter.draft(connection, reference, chosen, file, Instant.now());
          print.println(result.file());
        }
        if (!common.quiet()) {
          print.println(
              references.size()
                  + " incident(s) resolved since "
                  + resolvedSince
                  + " without a published post-mortem"
                  + (skipped == 0 ? "" : "; " + skipped + " already drafted in " + outDir));
        }
        print.flush();
        return ExitCode.OK;
      }
      if (incident == null) {
        throw new UserException("Give an INCIDENT, or --resolved-since");
      }
      if (catchUp) {
        String text = drafter.catchUp(connection, incident);
        if (out != null) {
          if (out.toAbsolutePath().getParent() != null) {
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
          }
          java.nio.file.Files.writeString(out, text);
          print.println("Catch-up of " + incident + " written to " + out);
        } else {
          print.print(text);
        }
        print.flush();
        return ExitCode.OK;
      }
      Path target =
          out != null ? out : outDir.resolve(incident.replaceAll("[^A-Za-z0-9_-]", "_") + ".md");
      Drafter.Result result;
      try (Progress progress = Progress.start(common, "draft " + incident, 1)) {
        result = drafter.draft(connection, incident, chosen, target, Instant.now());
        progress.step("drafted");
      }
      if (common.quiet()) {
        // -q: only the result path, as for every command.
        print.println(result.file());
        print.flush();
        return ExitCode.OK;
      }
      print.println(
          "Draft of "
              + result.incident()
              + " written to "
              + result.file()
              + (result.newVersion()
                  ? " (the existing draft was edited by a human, so a new version was written)"
                  : ""));
      if (result.note() != null) {
        print.println("LLM: " + result.note());
      }
      print.flush();
      return ExitCode.OK;
    } catch (Drafter.UnknownIncidentException e) {
      throw new UserException(e.getMessage());
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the lake: " + e.getMessage(), e);
    }
  }

  static Instant since(String value) {
    try {
      if (value.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        Duration duration =
            switch (value.charAt(value.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              case 'h' -> Duration.ofHours(amount);
              default -> Duration.ofDays(amount);
            };
        return Instant.now().minus(duration);
      }
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (RuntimeException e) {
      throw new UserException(
          "Invalid --resolved-since: '" + value + "' (expected 2026-11-01 or 24h)");
    }
  }
}
