package dev.incidents.core.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of YAML that {@code incidents.yaml} uses into dotted keys: nested mappings,
 * scalars (plain, single- or double-quoted), inline lists {@code [a, b]} and block lists of
 * scalars. Lists become comma-joined values. Anything else is rejected with its line number, so the
 * core module stays free of dependencies.
 */
final class SimpleYaml {
  private SimpleYaml() {}

  static Map<String, String> parse(String text, String fileName) {
    Map<String, String> result = new LinkedHashMap<>();
    Deque<int[]> indents = new ArrayDeque<>();
    Deque<String> path = new ArrayDeque<>();
    String listKey = null;
    int listIndent = -1;
    List<String> listValues = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int lineNumber = 1; lineNumber <= lines.length; lineNumber++) {
      String raw = stripComment(lines[lineNumber - 1]);
      if (raw.isBlank() || raw.strip().equals("---")) {
        continue;
      }
      if (raw.contains("\t")) {
        throw error(fileName, lineNumber, "tabs are not allowed for indentation");
      }
      int indent = raw.length() - raw.stripLeading().length();
      String line = raw.strip();
      if (line.startsWith("- ") || line.equals("-")) {
        if (listKey == null || indent < listIndent) {
          throw error(fileName, lineNumber, "a list item must follow a key with no value");
        }
        listValues.add(unquote(line.substring(1).strip(), fileName, lineNumber));
        continue;
      }
      if (listKey != null) {
        if (!listValues.isEmpty()) {
          result.put(listKey, String.join(",", listValues));
        }
        listKey = null;
        listValues = new ArrayList<>();
      }
      int colon = findColon(line);
      if (colon <= 0) {
        throw error(fileName, lineNumber, "expected 'key: value'");
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      while (!indents.isEmpty() && indents.peek()[0] >= indent) {
        indents.pop();
        path.pop();
      }
      String fullKey = path.isEmpty() ? key : String.join(".", reversed(path)) + "." + key;
      if (value.isEmpty()) {
        indents.push(new int[] {indent});
        path.push(key);
        listKey = fullKey;
        listIndent = indent;
      } else if (value.startsWith("[")) {
        if (!value.endsWith("]")) {
          throw error(fileName, lineNumber, "unterminated inline list");
        }
        List<String> items = new ArrayList<>();
        for (String item : value.substring(1, value.length() - 1).split(",")) {
          if (!item.isBlank()) {
            items.add(unquote(item.strip(), fileName, lineNumber));
          }
        }
        result.put(fullKey, String.join(",", items));
      } else {
        result.put(fullKey, unquote(value, fileName, lineNumber));
      }
    }
    if (listKey != null && !listValues.isEmpty()) {
      result.put(listKey, String.join(",", listValues));
    }
    return result;
  }

  private static List<String> reversed(Deque<String> path) {
    List<String> list = new ArrayList<>(path);
    java.util.Collections.reverse(list);
    return list;
  }

  private static int findColon(String line) {
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote) {
          quoted = false;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == quote) {
          quoted = false;
        }
      } else if (c == '"' || c == '\'') {
        quoted = true;
        quote = c;
      } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String value, String fileName, int lineNumber) {
    if (value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\""))
            || (value.startsWith("'") && value.endsWith("'")))) {
      String inner = value.substring(1, value.length() - 1);
      return value.startsWith("\"") ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner;
    }
    if (value.startsWith("\"") || value.startsWith("'")) {
      throw error(fileName, lineNumber, "unterminated quoted value");
    }
    if (value.startsWith("{") || value.startsWith("&") || value.startsWith("*")) {
      throw error(fileName, lineNumber, "flow mappings, anchors and aliases are not supported");
    }
    return value;
  }

  private static IllegalArgumentException error(String fileName, int lineNumber, String message) {
    return new IllegalArgumentException(
        "Cannot parse " + fileName + " line " + lineNumber + ": " + message);
  }
}
