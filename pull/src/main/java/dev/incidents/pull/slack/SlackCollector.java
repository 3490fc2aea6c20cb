package dev.incidents.pull.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.model.PullState;
import dev.incidents.pull.Collector;
import dev.incidents.pull.Pages;
import dev.incidents.pull.PullErrorCode;
import dev.incidents.pull.PullException;
import dev.incidents.pull.RawRun;
import dev.incidents.pull.SourceSettings;
import dev.incidents.pull.Window;
import dev.incidents.pull.http.ApiClient;
import dev.incidents.pull.http.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Slack Web API. Channels from {@code conversations.list} (public and private, cursor paged) whose
 * name matches a glob; per channel {@code conversations.history} between {@code oldest} and {@code
 * latest}, 200 a page, following {@code response_metadata.next_cursor} (pages may be short before
 * the end, so only the cursor decides); {@code conversations.replies} for every parent with
 * replies, including parents up to {@link #THREAD_REFRESH} older than the window whose {@code
 * latest_reply} falls in it (replies keep their thread's old {@code ts}); {@code users.list}. Every
 * page is kept verbatim in {@code <run-id>.verbatim/}; the run folder is the export layout the
 * ingest reads: {@code channels.json}, {@code users.json}, {@code <channel>/<YYYY-MM-DD>.json} (UTC
 * days). An HTTP 200 with {@code ok:false} is an error in one line.
 */
public final class SlackCollector implements Collector {
  public static final int LIMIT = 200;
  public static final Duration THREAD_REFRESH = Duration.ofDays(30);

  private final SourceSettings settings;
  private final List<String> channelGlobs;

  public SlackCollector(SourceSettings settings, List<String> channelGlobs) {
    this.settings = settings;
    this.channelGlobs = List.copyOf(channelGlobs);
    if (channelGlobs.isEmpty()) {
      throw new PullException(
          PullErrorCode.CONFIGURATION, "sources.slack.channels is empty: no channel would match");
    }
  }

  @Override
  public String scope() {
    return "messages";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Authorization", "Bearer " + settings.requireToken());
  }

  @Override
  public List<String> plan(Window window, Optional<PullState> previous) {
    return List.of(
        "GET "
            + settings.baseUrl()
            + "/conversations.list?types=public_channel,private_channel, channels matching "
            + channelGlobs,
        "GET /conversations.history?channel=…&oldest="
            + seconds(window.since().minus(THREAD_REFRESH))
            + "&latest="
            + seconds(window.until())
            + "&limit=200 per channel (30 days more, for threads with new replies)",
        "GET /conversations.replies for every parent with replies active since "
            + window.since()
            + "; GET /users.list");
  }

  @Override
  public Result collect(Window window, Optional<PullState> previous, ApiClient client, RawRun raw) {
    ArrayNode channels = Pages.MAPPER.createArrayNode();
    cursorPaged(
        "conversations.list",
        "/conversations.list?types=public_channel,private_channel&exclude_archived=false&limit="
            + LIMIT,
        "channels",
        client,
        raw,
        "",
        page -> {
          for (JsonNode channel : page) {
            if (matches(channel.path("name").asText(""))) {
              channels.add(channel);
            }
          }
        });
    ArrayNode users = Pages.MAPPER.createArrayNode();
    cursorPaged(
        "users.list",
        "/users.list?limit=" + LIMIT,
        "members",
        client,
        raw,
        "",
        page -> page.forEach(users::add));
    long messages = 0;
    BigDecimal since = seconds(window.since());
    for (JsonNode channel : channels) {
      String id = channel.path("id").asText();
      String name = channel.path("name").asText();
      TreeMap<String, ObjectNode> byTs = new TreeMap<>();
      List<String> parents = new ArrayList<>();
      cursorPaged(
          "conversations.history",
          "/conversations.history?channel="
              + Pages.encode(id)
              + "&oldest="
              + seconds(window.since().minus(THREAD_REFRESH))
              + "&latest="
              + seconds(window.until())
              + "&inclusive=true&limit="
              + LIMIT,
          "messages",
          client,
          raw,
          name,
          page -> {
            for (JsonNode message : page) {
              String ts = message.path("ts").asText();
              byTs.put(ts, (ObjectNode) message);
              boolean hasReplies = message.path("reply_count").asInt(0) > 0;
              String latest = message.path("latest_reply").asText(ts);
              if (hasReplies && new BigDecimal(latest).compareTo(since) >= 0) {
                parents.add(ts);
              }
            }
          });
      for (String parent : parents) {
        cursorPaged(
            "conversations.replies",
            "/conversations.replies?channel="
                + Pages.encode(id)
                + "&ts="
                + Pages.encode(parent)
                + "&limit="
                + LIMIT,
            "messages",
            client,
            raw,
            name,
            page -> page.forEach(reply -> byTs.put(reply.path("ts").asText(), (ObjectNode) reply)));
      }
      messages += byTs.size();
      writeDays(name, byTs, raw);
    }
    try {
      raw.writeExport("", "channels", Pages.MAPPER.writeValueAsBytes(channels));
      raw.writeExport("", "users", Pages.MAPPER.writeValueAsBytes(users));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "  slack: "
            + channels.size()
            + " channel(s) match "
            + channelGlobs
            + "; threads are refreshed for "
            + THREAD_REFRESH.toDays()
            + " days before the window");
    return new Result(messages, List.of(), notes);
  }

  private void writeDays(String channel, TreeMap<String, ObjectNode> byTs, RawRun raw) {
    TreeMap<String, ArrayNode> days = new TreeMap<>();
    for (Map.Entry<String, ObjectNode> entry : byTs.entrySet()) {
      BigDecimal ts = new BigDecimal(entry.getKey());
      String day =
          Instant.ofEpochSecond(ts.longValue()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
      days.computeIfAbsent(day, d -> Pages.MAPPER.createArrayNode()).add(entry.getValue());
    }
    for (Map.Entry<String, ArrayNode> day : days.entrySet()) {
      try {
        raw.writeExport(channel, day.getKey(), Pages.MAPPER.writeValueAsBytes(day.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  boolean matches(String name) {
    for (String glob : channelGlobs) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (!name.isEmpty() && matcher.matches(Path.of(name))) {
        return true;
      }
    }
    return false;
  }

  static BigDecimal seconds(Instant instant) {
    return BigDecimal.valueOf(instant.getEpochSecond()).setScale(6);
  }

  /** Follows {@code response_metadata.next_cursor} until it is empty; checks {@code ok}. */
  private void cursorPaged(
      String method,
      String query,
      String field,
      ApiClient client,
      RawRun raw,
      String label,
      Consumer<JsonNode> onPage) {
    Pages.Cursors cursors = new Pages.Cursors(method);
    String cursor = "";
    int page = 0;
    while (true) {
      ApiResponse response =
          client.get(
              settings.resolve(
                  query + (cursor.isEmpty() ? "" : "&cursor=" + Pages.encode(cursor))));
      JsonNode body = Pages.json(response);
      if (!body.path("ok").asBoolean(false)) {
        throw error(method, body, label);
      }
      JsonNode array = Pages.array(response, body, field);
      String next = body.path("response_metadata").path("next_cursor").asText("");
      raw.original(
          String.format(
              "%s-%s%03d",
              method.replace('.', '_'),
              label.isEmpty() ? "" : label.replaceAll("[^A-Za-z0-9_-]", "_") + "-",
              page++),
          response.body());
      client.counters().page(array.size());
      if (!next.isEmpty() && array.isEmpty()) {
        throw new PullException(
            PullErrorCode.EMPTY_PAGE_WITH_MORE,
            "slack: " + method + " answered an empty page with a next_cursor");
      }
      if (next.isEmpty() && body.path("has_more").asBoolean(false)) {
        throw new PullException(
            PullErrorCode.MALFORMED_RESPONSE,
            "slack: " + method + " answered has_more=true without a next_cursor");
      }
      onPage.accept(array);
      if (next.isEmpty()) {
        return;
      }
      cursors.next(next);
      cursor = next;
    }
  }

  private static PullException error(String method, JsonNode body, String channel) {
    String error = body.path("error").asText("unknown_error");
    return switch (error) {
      case "missing_scope" ->
          new PullException(
              PullErrorCode.AUTHENTICATION,
              "slack: "
                  + method
                  + " needs the token scope "
                  + body.path("needed").asText(neededScope(method))
                  + " (missing_scope)");
      case "not_in_channel" ->
          new PullException(
              PullErrorCode.AUTHENTICATION,
              "slack: the app is not a member of #"
                  + channel
                  + " (not_in_channel): invite it with /invite, or remove the channel from"
                  + " sources.slack.channels");
      case "invalid_auth", "not_authed", "account_inactive", "token_revoked" ->
          new PullException(
              PullErrorCode.AUTHENTICATION,
              "slack: " + method + " refused the token (" + error + ")");
      default ->
          new PullException(
              PullErrorCode.REQUEST_REJECTED, "slack: " + method + " failed: " + error);
    };
  }

  static String neededScope(String method) {
    return switch (method) {
      case "conversations.list" -> "channels:read,groups:read";
      case "users.list" -> "users:read";
      default -> "channels:history,groups:history";
    };
  }
}
