package dev.incidents.ingest;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.redact.SecretRedactor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every source reader shares in one run: configuration and redaction. Readers never see each
 * other's records: a reader that finds a reference to an incident (a Jira label {@code INC-12}, a
 * post-mortem's front matter) stores it as a key of its own ({@link #referenceKey}); the transform
 * links keys to incidents ({@code incident_links}).
 */
public final class IngestContext {
  private final Config config;
  private final Pattern referencePattern;
  private final SecretRedactor redactor;
  private final boolean redact;
  private final ZoneId sourceZone;
  private final Pattern gameDayPattern;
  private final Pattern testPattern;

  public IngestContext(Config config, ZoneId sourceZone) {
    this.config = config;
    this.referencePattern = Pattern.compile(config.get(ConfigKeys.JIRA_PATTERN));
    this.redactor = new SecretRedactor();
    this.redact = config.getBoolean(ConfigKeys.REDACT_SECRETS);
    this.sourceZone = sourceZone;
    this.gameDayPattern = Pattern.compile(config.get(ConfigKeys.EXCLUDED_GAME_DAY_PATTERN));
    this.testPattern = Pattern.compile(config.get(ConfigKeys.EXCLUDED_TEST_PATTERN));
  }

  public Config config() {
    return config;
  }

  /**
   * The incident number in a reference such as {@code INC-123} or {@code incident-123}, by the
   * configured pattern (its last group is the number); empty when the text is no reference.
   */
  public java.util.Optional<Long> referenceNumber(String reference) {
    java.util.regex.Matcher matcher = referencePattern.matcher(reference.trim());
    if (!matcher.matches()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(matcher.group(matcher.groupCount())));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The key a source's rows carry for an incident it knows only by number: {@code
   * <source>:ref:<number>}. The transform maps it to the incident ({@code incident_links}).
   */
  public static String referenceKey(String source, long number) {
    return dev.incidents.core.model.Ids.of(source, "ref", Long.toString(number));
  }

  /** The key a chat source's rows carry for their channel: {@code <source>:channel:<id>}. */
  public static String channelKey(String source, String channelId) {
    return dev.incidents.core.model.Ids.of(source, "channel", channelId);
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
