package dev.incidents.drafter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every time, date, duration, number and person in the LLM's text against what the timeline
 * and the facts contain. Anything that cannot be matched is marked {@code [unverified]} inline and
 * listed with its sentence; sentences that blame a person or repeat an instruction from the data
 * are removed and listed too.
 */
public final class NarrativeValidator {
  static final Pattern TIME = Pattern.compile("\\b([01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?\\b");
  static final Pattern DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
  static final Pattern NUMBER = Pattern.compile("(?<![\\w.:-])\\d+(?:\\.\\d+)?(?![\\w:])");
  static final Pattern PERSON = Pattern.compile("\\b[A-Z][a-z]+ [A-Z][a-z]+\\b");
  static final Pattern FORBIDDEN =
      Pattern.compile(
          "(?i)(ignore (all )?previous instructions|admin mode|human error by|fault of|to blame|api key|\\[SECRET])");

  /** The checked text and what was flagged. */
  public record Result(String text, List<String> unverified, List<String> rejected) {}

  private NarrativeValidator() {}

  public static Result check(String narrative, String evidence, Set<String> knownPeople) {
    String lowerEvidence = evidence.toLowerCase(Locale.ROOT);
    List<String> unverified = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (String line : narrative.split("\n", -1)) {
      if (line.startsWith("#")) {
        out.append(line).append('\n');
        continue;
      }
      StringBuilder checkedLine = new StringBuilder();
      for (String sentence : line.split("(?<=[.!?])\\s+")) {
        if (FORBIDDEN.matcher(sentence).find()) {
          rejected.add(sentence.trim());
          continue;
        }
        String marked = sentence;
        boolean flagged = false;
        for (Pattern pattern : List.of(TIME, DATE, NUMBER)) {
          Matcher matcher = pattern.matcher(sentence);
          while (matcher.find()) {
            String token = matcher.group();
            if (!lowerEvidence.contains(token.toLowerCase(Locale.ROOT))
                && !(pattern == NUMBER && token.length() == 1 && "01234".contains(token))) {
              marked =
                  marked.replaceFirst(
                      Pattern.quote(token) + "(?! \\[unverified])",
                      Matcher.quoteReplacement(token + " [unverified]"));
              flagged = true;
            }
          }
        }
        Matcher person = PERSON.matcher(sentence);
        while (person.find()) {
          String name = person.group();
          boolean known =
              knownPeople.contains(name) || lowerEvidence.contains(name.toLowerCase(Locale.ROOT));
          if (!known && !isCommonPhrase(name)) {
            marked = marked.replace(name, name + " [unverified]");
            flagged = true;
          }
        }
        if (flagged) {
          unverified.add(sentence.trim());
        }
        checkedLine.append(checkedLine.length() == 0 ? "" : " ").append(marked);
      }
      out.append(checkedLine).append('\n');
    }
    return new Result(out.toString().trim(), unverified, rejected);
  }

  private static boolean isCommonPhrase(String name) {
    return Set.of("Root Cause", "Post Mortem", "The Incident", "Customer Impact").contains(name);
  }
}
