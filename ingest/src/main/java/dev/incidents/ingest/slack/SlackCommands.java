package dev.incidents.ingest.slack;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code /inc} chat-ops commands docs/formats.md lists. */
final class SlackCommands {
  private SlackCommands() {}

  record Command(String verb, String role, String argument) {}

  private static final Pattern LEAD =
      Pattern.compile("^/inc\\s+(lead|assign)\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ROLE =
      Pattern.compile(
          "^/inc\\s+role\\s+(lead|tech-lead|techlead|comms|communications|scribe)\\s+(\\S+)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SEVERITY =
      Pattern.compile("^/inc\\s+sev(?:erity)?\\s+(?:sev)?([1-4])\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern STATUS =
      Pattern.compile(
          "^/inc\\s+status\\s+(investigating|identified|monitoring|resolved)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern UPDATE =
      Pattern.compile("^/inc\\s+update\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern RESOLVE =
      Pattern.compile("^/inc\\s+resolve\\s*$", Pattern.CASE_INSENSITIVE);

  static Optional<Command> parse(String text) {
    String trimmed = text.trim();
    Matcher matcher;
    if ((matcher = LEAD.matcher(trimmed)).matches()) {
      return Optional.of(new Command("role", "lead", matcher.group(2)));
    }
    if ((matcher = ROLE.matcher(trimmed)).matches()) {
      return Optional.of(new Command("role", normalizeRole(matcher.group(1)), matcher.group(2)));
    }
    if ((matcher = SEVERITY.matcher(trimmed)).matches()) {
      return Optional.of(new Command("sev", null, "SEV" + matcher.group(1)));
    }
    if ((matcher = STATUS.matcher(trimmed)).matches()) {
      return Optional.of(new Command("status", null, matcher.group(1).toLowerCase(Locale.ROOT)));
    }
    if ((matcher = UPDATE.matcher(trimmed)).matches()) {
      return Optional.of(new Command("update", null, matcher.group(1).trim()));
    }
    if (RESOLVE.matcher(trimmed).matches()) {
      return Optional.of(new Command("resolve", null, null));
    }
    return Optional.empty();
  }

  static String normalizeRole(String role) {
    return switch (role.toLowerCase(Locale.ROOT)) {
      case "techlead", "tech-lead" -> "tech-lead";
      case "communications", "comms" -> "comms";
      default -> role.toLowerCase(Locale.ROOT);
    };
  }
}
