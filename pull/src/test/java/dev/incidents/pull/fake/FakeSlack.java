package dev.incidents.pull.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A hand-written Slack Web API on loopback: every answer is HTTP 200 with {@code ok}, errors are
 * {@code ok:false} ({@code missing_scope} with {@code needed}, {@code not_in_channel}); cursor
 * pagination through {@code response_metadata.next_cursor} with pages shorter than the limit before
 * the end (at most {@link #shortPage} items, as the 2025 limits serve 15); history returns parents
 * only, newest first, between {@code oldest} and {@code latest}; replies return the parent first;
 * 429 carries {@code Retry-After} in seconds. Loaded from a Slack export folder.
 */
public final class FakeSlack extends FakeServer {
  public static final String TOKEN = "xoxb-0000000000-test-token-abcdef";

  private final List<ObjectNode> channels = new ArrayList<>();
  private final List<ObjectNode> users = new ArrayList<>();
  private final Map<String, List<ObjectNode>> parents = new HashMap<>();
  private final Map<String, List<ObjectNode>> replies = new HashMap<>();
  private final Set<String> notMember = new HashSet<>();
  private int shortPage = 15;
  private boolean missingScope;

  public synchronized void shortPage(int items) {
    this.shortPage = items;
  }

  public synchronized void missingScope(boolean on) {
    this.missingScope = on;
  }

  public synchronized void notMemberOf(String channelName) {
    notMember.add(channelName);
  }

  /** Loads an export folder: channels.json, users.json and {@code <channel>/<day>.json}. */
  public synchronized void export(Path folder) {
    read(folder.resolve("channels.json")).forEach(c -> channels.add((ObjectNode) c));
    read(folder.resolve("users.json")).forEach(u -> users.add((ObjectNode) u));
    for (ObjectNode channel : channels) {
      String name = channel.path("name").asText();
      Path days =
          Files.isDirectory(folder.resolve(name))
              ? folder.resolve(name)
              : folder.resolve(channel.path("id").asText());
      if (!Files.isDirectory(days)) {
        continue;
      }
      try (Stream<Path> files = Files.list(days)) {
        for (Path day : files.sorted().toList()) {
          JsonNode page = read(day);
          JsonNode messages = page.isArray() ? page : page.path("messages");
          messages.forEach(
              m -> addMessage(channel.path("id").asText(), ((ObjectNode) m).deepCopy()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public synchronized void addMessage(String channelId, ObjectNode message) {
    String ts = message.path("ts").asText();
    String thread = message.path("thread_ts").asText(ts);
    if (!thread.equals(ts)) {
      List<ObjectNode> thread1 =
          replies.computeIfAbsent(channelId + "/" + thread, k -> new ArrayList<>());
      thread1.removeIf(m -> m.path("ts").asText().equals(ts));
      thread1.add(message);
      thread1.sort(Comparator.comparing(m -> new BigDecimal(m.path("ts").asText())));
      for (ObjectNode parent : parents.getOrDefault(channelId, List.of())) {
        if (parent.path("ts").asText().equals(thread)) {
          parent.put("reply_count", thread1.size());
          parent.put("latest_reply", thread1.get(thread1.size() - 1).path("ts").asText());
          parent.put("thread_ts", thread);
        }
      }
      if (!"thread_broadcast".equals(message.path("subtype").asText())) {
        return;
      }
    }
    List<ObjectNode> list = parents.computeIfAbsent(channelId, k -> new ArrayList<>());
    list.removeIf(m -> m.path("ts").asText().equals(ts));
    List<ObjectNode> thread1 = replies.get(channelId + "/" + ts);
    if (thread1 != null && !thread1.isEmpty()) {
      message.put("reply_count", thread1.size());
      message.put("latest_reply", thread1.get(thread1.size() - 1).path("ts").asText());
      message.put("thread_ts", ts);
    }
    list.add(message);
    list.sort(
        Comparator.comparing((ObjectNode m) -> new BigDecimal(m.path("ts").asText())).reversed());
  }

  public synchronized List<ObjectNode> channels() {
    return List.copyOf(channels);
  }

  /** Every message the fake holds in a channel: parents and replies. */
  public synchronized int messageCount(String channelId) {
    int count = parents.getOrDefault(channelId, List.of()).size();
    for (Map.Entry<String, List<ObjectNode>> thread : replies.entrySet()) {
      if (thread.getKey().startsWith(channelId + "/")) {
        count +=
            (int)
                thread.getValue().stream()
                    .filter(m -> !"thread_broadcast".equals(m.path("subtype").asText()))
                    .count();
      }
    }
    return count;
  }

  @Override
  protected synchronized Answer answer(
      String path, Map<String, List<String>> query, HttpExchange exchange) {
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return Answer.ok(Map.of("ok", false, "error", "invalid_auth"));
    }
    int limit = Math.min(Integer.parseInt(first(query, "limit", "100")), shortPage);
    int offset = decode(first(query, "cursor", ""));
    return switch (path) {
      case "/conversations.list" -> Answer.ok(page("channels", channels, offset, limit, Map.of()));
      case "/users.list" -> Answer.ok(page("members", users, offset, limit, Map.of()));
      case "/conversations.history" -> {
        if (missingScope) {
          yield Answer.ok(
              Map.of(
                  "ok",
                  false,
                  "error",
                  "missing_scope",
                  "needed",
                  "channels:history",
                  "provided",
                  "channels:read"));
        }
        String channel = first(query, "channel", "");
        if (notMember.contains(name(channel))) {
          yield Answer.ok(Map.of("ok", false, "error", "not_in_channel"));
        }
        BigDecimal oldest = new BigDecimal(first(query, "oldest", "0"));
        BigDecimal latest = new BigDecimal(first(query, "latest", "9999999999"));
        List<ObjectNode> matching =
            parents.getOrDefault(channel, List.of()).stream()
                .filter(
                    m -> {
                      BigDecimal ts = new BigDecimal(m.path("ts").asText());
                      return ts.compareTo(oldest) >= 0 && ts.compareTo(latest) <= 0;
                    })
                .toList();
        yield Answer.ok(page("messages", matching, offset, limit, Map.of()));
      }
      case "/conversations.replies" -> {
        String channel = first(query, "channel", "");
        String ts = first(query, "ts", "");
        List<ObjectNode> thread = new ArrayList<>();
        parents.getOrDefault(channel, List.of()).stream()
            .filter(m -> m.path("ts").asText().equals(ts))
            .forEach(thread::add);
        if (thread.isEmpty()) {
          yield Answer.ok(Map.of("ok", false, "error", "thread_not_found"));
        }
        replies.getOrDefault(channel + "/" + ts, List.of()).stream()
            .filter(m -> !m.path("ts").asText().equals(ts))
            .forEach(thread::add);
        yield Answer.ok(page("messages", thread, offset, limit, Map.of()));
      }
      default -> Answer.ok(Map.of("ok", false, "error", "unknown_method"));
    };
  }

  private String name(String channelId) {
    return channels.stream()
        .filter(c -> c.path("id").asText().equals(channelId))
        .map(c -> c.path("name").asText())
        .findFirst()
        .orElse("");
  }

  private static Map<String, Object> page(
      String field, List<ObjectNode> records, int offset, int limit, Map<String, Object> extra) {
    int end = Math.min(records.size(), offset + limit);
    ArrayNode array = MAPPER.createArrayNode();
    records.subList(Math.min(offset, records.size()), end).forEach(array::add);
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("ok", true);
    page.put(field, array);
    page.put("has_more", end < records.size());
    page.put("response_metadata", Map.of("next_cursor", end < records.size() ? encode(end) : ""));
    page.putAll(extra);
    return page;
  }

  private static String encode(int offset) {
    return Base64.getEncoder()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    if (cursor.isEmpty()) {
      return 0;
    }
    return Integer.parseInt(
        new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).substring(7));
  }

  @Override
  protected Answer rateLimited(boolean httpDate) {
    return new Answer(429, Map.of("ok", false, "error", "ratelimited"), Map.of("Retry-After", "1"));
  }
}
