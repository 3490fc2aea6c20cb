package dev.incidents.drafter;

import dev.incidents.core.redact.SecretRedactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts text before any byte leaves the process: secrets become {@code [SECRET]}, emails {@code
 * [EMAIL-n]}, phone numbers {@code [PHONE-n]}, and people {@code [PERSON-n]}. A person is known by
 * every name form the lake holds (real name, display name, email and its local part, and the first
 * name where no one else has it), matched case-insensitively on word boundaries; a form that is
 * also a service, team or alert-rule name is never redacted. Placeholders are stable within one
 * draft, and names are restored locally in the reply.
 */
public final class LlmRedactor {
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** International numbers (+country code) and US-style (415) 555-0142; never dates or times. */
  static final Pattern PHONE =
      Pattern.compile(
          "(?<![\\w:.-])(?:\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}\\d|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w:.-])");

  /** One person and every form of their name. */
  public record Person(String display, Set<String> forms) {
    public Person {
      forms = Set.copyOf(forms);
    }
  }

  private final Map<String, String> placeholderByForm = new HashMap<>();
  private final Map<String, String> displayByPlaceholder = new LinkedHashMap<>();
  private final Pattern people;
  private final Map<String, String> emails = new LinkedHashMap<>();
  private final Map<String, String> phones = new LinkedHashMap<>();
  private final List<String> forms;

  public LlmRedactor(List<Person> persons, IncidentTimeline.ProtectedNames protectedNames) {
    // A first name is a form only when one full name (however many sources report it) has it.
    Map<String, Set<String>> fullNamesByFirst = new HashMap<>();
    for (Person person : persons) {
      for (String form : person.forms()) {
        String[] words = form.trim().split("\\s+");
        if (words.length > 1) {
          fullNamesByFirst
              .computeIfAbsent(words[0].toLowerCase(Locale.ROOT), first -> new LinkedHashSet<>())
              .add(form.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    Map<String, Integer> firstNames = new HashMap<>();
    fullNamesByFirst.forEach((first, full) -> firstNames.put(first, full.size()));
    for (Person person : persons) {
      Set<String> all = new LinkedHashSet<>();
      for (String form : person.forms()) {
        String value = form.trim();
        all.add(value);
        if (value.contains("@")) {
          all.add(value.substring(0, value.indexOf('@')));
        }
        String[] words = value.split("\\s+");
        if (words.length > 1
            && firstNames.getOrDefault(words[0].toLowerCase(Locale.ROOT), 0) == 1) {
          all.add(words[0]);
        }
      }
      String placeholder = null;
      for (String form : all) {
        String key = form.toLowerCase(Locale.ROOT);
        if (form.length() < 3 || protectedNames.contains(form) || !form.matches(".*\\p{L}.*")) {
          continue;
        }
        String existing = placeholderByForm.get(key);
        if (existing != null) {
          placeholder = placeholder == null ? existing : placeholder;
          continue;
        }
        if (placeholder == null) {
          placeholder = "[PERSON-" + (displayByPlaceholder.size() + 1) + "]";
          displayByPlaceholder.put(placeholder, person.display());
        }
        placeholderByForm.put(key, placeholder);
      }
    }
    forms = new ArrayList<>(placeholderByForm.keySet());
    forms.sort(Comparator.comparing(String::length).reversed().thenComparing(form -> form));
    StringBuilder alternatives = new StringBuilder();
    for (String form : forms) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(form));
    }
    people =
        forms.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\p{L}\\p{N}_])(" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** Convenience for callers with bare names: each name is its own person. */
  public static LlmRedactor of(List<String> names, IncidentTimeline.ProtectedNames protectedNames) {
    List<Person> persons = new ArrayList<>();
    for (String name : names) {
      if (name != null && !name.isBlank()) {
        persons.add(new Person(name, Set.of(name)));
      }
    }
    return new LlmRedactor(persons, protectedNames);
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
    if (people != null) {
      // People first, so that a known person's email becomes their placeholder, not [EMAIL-n].
      Matcher matcher = people.matcher(result);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        String placeholder = placeholderByForm.get(matcher.group(1).toLowerCase(Locale.ROOT));
        matcher.appendReplacement(out, Matcher.quoteReplacement(placeholder));
      }
      matcher.appendTail(out);
      result = out.toString();
    }
    result = replace(result, EMAIL, emails, "EMAIL");
    result = replace(result, PHONE, phones, "PHONE");
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
    for (Map.Entry<String, String> person : displayByPlaceholder.entrySet()) {
      result = result.replace(person.getKey(), person.getValue());
    }
    return result;
  }

  /** Every name form that is redacted, longest first (the redaction list). */
  public List<String> forms() {
    return List.copyOf(forms);
  }

  /** The display names of the people, one per placeholder. */
  public List<String> people() {
    return List.copyOf(displayByPlaceholder.values());
  }
}
