package dev.incidents.drafter;

import dev.incidents.core.redact.SecretRedactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts text before any byte leaves the process: secrets become {@code [SECRET]}, emails {@code
 * [EMAIL-n]}, phone numbers {@code [PHONE-n]}, and known people {@code [PERSON-n]}. Placeholders
 * are stable within one draft, and names are restored locally in the reply.
 */
public final class LlmRedactor {
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** International numbers (+country code) and US-style (415) 555-0142; never dates or times. */
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w:.-])(?:\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}\\d|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w:.-])");

  private final Map<String, String> people = new LinkedHashMap<>();
  private final Map<String, String> emails = new LinkedHashMap<>();
  private final Map<String, String> phones = new LinkedHashMap<>();

  public LlmRedactor(List<String> knownPeople) {
    for (String person : knownPeople) {
      if (person != null && !person.isBlank() && !person.contains("@") && person.length() > 2) {
        people.putIfAbsent(person, "[PERSON-" + (people.size() + 1) + "]");
      }
    }
  }

  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (SecretRedactor.Rule rule : SecretRedactor.RULES) {
      Matcher matcher = rule.pattern().matcher(result);
      StringBuilder out = new StringBuilder();
      int last = 0;
      while (matcher.find()) {
        out.append(result, last, matcher.start(rule.group())).append("[SECRET]");
        last = matcher.end(rule.group());
      }
      out.append(result, last, result.length());
      result = out.toString();
    }
    result = result.replaceAll("\\[REDACTED:[a-z-]+]", "[SECRET]");
    result = replace(result, EMAIL, emails, "EMAIL");
    result = replace(result, PHONE, phones, "PHONE");
    for (Map.Entry<String, String> person : people.entrySet()) {
      result = result.replace(person.getKey(), person.getValue());
    }
    return result;
  }

  private static String replace(
      String text, Pattern pattern, Map<String, String> seen, String kind) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String placeholder =
          seen.computeIfAbsent(
              matcher.group(), value -> "[" + kind + "-" + (seen.size() + 1) + "]");
      matcher.appendReplacement(out, Matcher.quoteReplacement(placeholder));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Puts people's names back; emails, phones and secrets stay redacted. */
  public String restore(String text) {
    String result = text;
    for (Map.Entry<String, String> person : people.entrySet()) {
      result = result.replace(person.getValue(), person.getKey());
    }
    return result;
  }

  public List<String> people() {
    return List.copyOf(people.keySet());
  }
}
