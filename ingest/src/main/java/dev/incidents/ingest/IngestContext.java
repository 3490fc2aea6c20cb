package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.redact.SecretRedactor;
import dev.incidents.ingest.link.IncidentDirectory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/** What every source reader shares in one run: configuration, linking, redaction. */
public final class IngestContext {
  private final Config config;
  private final IncidentDirectory directory;
  private final SecretRedactor redactor;
  private final boolean redact;
  private final ZoneId sourceZone;
  private final Pattern gameDayPattern;
  private final Pattern testPattern;

  public IngestContext(Config config, IncidentDirectory directory, ZoneId sourceZone) {
    this.config = config;
    this.directory = directory;
    this.redactor = new SecretRedactor();
    this.redact = config.getBoolean(ConfigKeys.REDACT_SECRETS);
    this.sourceZone = sourceZone;
    this.gameDayPattern = Pattern.compile(config.get(ConfigKeys.EXCLUDED_GAME_DAY_PATTERN));
    this.testPattern = Pattern.compile(config.get(ConfigKeys.EXCLUDED_TEST_PATTERN));
  }

  public Config config() {
    return config;
  }

  public IncidentDirectory directory() {
    return directory;
  }

  public SecretRedactor redactor() {
    return redactor;
  }

  /** Chat text and notes pass through here: secrets become {@code [REDACTED:<kind>]}. */
  public String clean(String text) {
    return redact ? redactor.redact(text) : text;
  }

  /** The zone for source timestamps that carry none (PagerDuty analytics). */
  public ZoneId sourceZone() {
    return sourceZone;
  }

  public DateTimeFormatter jiraCsvDates() {
    return DateTimeFormatter.ofPattern(config.get(ConfigKeys.JIRA_DATE_FORMAT), Locale.ENGLISH);
  }

  /**
   * Where a tool has no mode (PagerDuty, Opsgenie), or names a game day only in its type, the type
   * or a title tag decides: game day, test, or real.
   */
  public String modeFromTags(String incidentType, String title) {
    String type = incidentType == null ? "" : incidentType;
    String name = title == null ? "" : title;
    if (gameDayPattern.matcher(type).find() || gameDayPattern.matcher(name).find()) {
      return "game_day";
    }
    if (testPattern.matcher(type).find() || testPattern.matcher(name).find()) {
      return "test";
    }
    return "real";
  }
}
