package dev.incidents.core.redact;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret-shaped strings in free text with {@code [REDACTED:<kind>]}. The rules follow
 * gitleaks' ideas; gitleaks has no PagerDuty rule, so {@code pagerduty} is ours (user API tokens
 * start with {@code u+}, and keys named near "pagerduty").
 */
public final class SecretRedactor {
  public record Rule(String kind, Pattern pattern, int group) {}

  public static final List<Rule> RULES =
      List.of(
          new Rule(
              "private-key",
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"),
              0),
          new Rule(
              "jwt",
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
              0),
          new Rule("slack", Pattern.compile("\\bxox[abposre]-[0-9A-Za-z-]{10,}"), 0),
          new Rule(
              "slack",
              Pattern.compile(
                  "https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
              0),
          new Rule(
              "github",
              Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
              0),
          new Rule(
              "aws",
              Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z0-9]{16}\\b"),
              0),
          new Rule("google", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0),
          new Rule(
              "pagerduty",
              Pattern.compile("(?<![A-Za-z0-9])u\\+[A-Za-z0-9_+-]{18}(?![A-Za-z0-9])"),
              0),
          new Rule(
              "pagerduty",
              Pattern.compile(
                  "(?i)\\b(?:pagerduty|pd)[_ -]?(?:api[_ -]?)?(?:key|token)\\s*[:=]\\s*([A-Za-z0-9_+-]{20,})"),
              1),
          new Rule(
              "password",
              Pattern.compile(
                  "(?i)\\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token)\\s*[:=]\\s*([^\\s'\"]{4,})"),
              1));

  /**
   * A literal that every match of the rule at the same index contains: a rule whose literal is
   * absent from the text cannot match, so its regular expression is not run (most chat messages
   * carry none of them).
   */
  private static final List<java.util.function.Predicate<String>> TRIGGERS =
      List.of(
          text -> text.contains("PRIVATE KEY-----"),
          text -> text.contains("eyJ"),
          text -> text.contains("xox"),
          text -> text.contains("hooks.slack.com/services/"),
          text -> text.contains("gh") && text.indexOf('_') >= 0,
          text ->
              text.contains("AKIA")
                  || text.contains("ASIA")
                  || text.contains("AGPA")
                  || text.contains("AIDA")
                  || text.contains("AROA")
                  || text.contains("ANPA")
                  || text.contains("ANVA"),
          text -> text.contains("AIza"),
          text -> text.contains("u+"),
          text -> text.indexOf(':') >= 0 || text.indexOf('=') >= 0,
          text -> text.indexOf(':') >= 0 || text.indexOf('=') >= 0);

  static {
    if (TRIGGERS.size() != RULES.size()) {
      throw new IllegalStateException("Every redaction rule needs its trigger");
    }
  }

  private final Map<String, Long> counts = new TreeMap<>();

  /** The text with every secret replaced; counts per kind accumulate in {@link #counts()}. */
  public String redact(String text) {
    if (text == null || text.length() < 8) {
      return text;
    }
    String result = text;
    for (int index = 0; index < RULES.size(); index++) {
      Rule rule = RULES.get(index);
      if (!TRIGGERS.get(index).test(result)) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(result);
      if (!matcher.find()) {
        continue;
      }
      StringBuilder out = new StringBuilder();
      int last = 0;
      do {
        int start = matcher.start(rule.group());
        int end = matcher.end(rule.group());
        out.append(result, last, start).append("[REDACTED:").append(rule.kind()).append(']');
        last = end;
        synchronized (counts) {
          counts.merge(rule.kind(), 1L, Long::sum);
        }
      } while (matcher.find());
      out.append(result, last, result.length());
      result = out.toString();
    }
    return result;
  }

  public Map<String, Long> counts() {
    synchronized (counts) {
      return Map.copyOf(counts);
    }
  }

  public long total() {
    synchronized (counts) {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
