package dev.incidents.ingest.chat;

import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Person;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Mattermost bulk export (JSON Lines): users become people, posts and their replies become chat
 * messages. Times are epoch milliseconds; users are named by username; replies may be unordered and
 * may be null.
 */
public final class MattermostReader implements SourceReader {
  public static final String SOURCE = "mattermost";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    Map<String, String> displayNames = displayNames(input);
    JsonRecords.forEachLine(
        input,
        sink,
        (line, position) -> {
          String type = text(line, "type").orElse("");
          switch (type) {
            case "user" -> {
              JsonNode user = line.get("user");
              String username = Fields.requiredText(user, "username");
              Optional<String> email = text(user, "email");
              sink.person(
                  new Person(
                      Ids.of(SOURCE, "user", username),
                      SOURCE,
                      displayName(user),
                      email,
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(username),
                      Optional.empty()));
            }
            case "post", "direct_post" -> post(line.get(type), displayNames, context, sink);
            default -> {
              // version, team, channel, emoji, scheme: nothing to store
            }
          }
        });
  }

  /**
   * A user's display name as Mattermost shows it: first and last name, else the nickname, else the
   * username (bulk export {@code user} lines: {@code username}, {@code first_name}, {@code
   * last_name}, {@code nickname}).
   */
  static String displayName(JsonNode user) {
    String name =
        (text(user, "first_name").orElse("") + " " + text(user, "last_name").orElse("")).trim();
    if (!name.isEmpty()) {
      return name;
    }
    return text(user, "nickname")
        .filter(nickname -> !nickname.isBlank())
        .orElse(Fields.requiredText(user, "username"));
  }

  /**
   * The display names of the export's users, by username: a first pass over the file's {@code user}
   * lines (the bulk format puts them before posts, but a pass does not rely on it).
   */
  private static Map<String, String> displayNames(Input input) {
    Map<String, String> names = new java.util.HashMap<>();
    try (java.io.BufferedReader reader =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(input.open(), java.nio.charset.StandardCharsets.UTF_8),
            1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.contains("\"user\"")) {
          continue;
        }
        try {
          JsonNode node = JsonRecords.MAPPER.readTree(line);
          JsonNode user = node.get("user");
          if ("user".equals(text(node, "type").orElse("")) && user != null && user.isObject()) {
            text(user, "username").ifPresent(username -> names.put(username, displayName(user)));
          }
        } catch (java.io.IOException | RuntimeException e) {
          // the record pass reports the line
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // the record pass reports the file
    }
    return names;
  }

  private static void post(
      JsonNode post, Map<String, String> displayNames, IngestContext context, RecordSink sink) {
    if (post == null || !post.isObject()) {
      throw new RecordException(IngestErrorCode.MISSING_FIELD, "Missing required field post");
    }
    String channel =
        text(post, "channel")
            .orElseGet(
                () -> {
                  JsonNode members = post.get("channel_members");
                  java.util.List<String> names = new java.util.ArrayList<>();
                  if (members != null && members.isArray()) {
                    members.forEach(member -> names.add(member.asText()));
                  }
                  return "dm-" + String.join("-", names);
                });
    String team = text(post, "team").orElse("");
    String channelId = team.isEmpty() ? channel : team + "/" + channel;
    Optional<String> incidentId = Optional.of(IngestContext.channelKey(SOURCE, channelId));
    Instant created =
        Instant.ofEpochMilli(
            Fields.number(post, "create_at")
                .orElseThrow(
                    () ->
                        new RecordException(
                            IngestErrorCode.MISSING_FIELD, "Missing required field create_at")));
    String user = Fields.requiredText(post, "user");
    String rootId = Ids.of(SOURCE, "post", channelId + ":" + user + ":" + created.toEpochMilli());
    message(
        rootId,
        channelId,
        channel,
        incidentId,
        created,
        user,
        text(post, "message").orElse(""),
        Optional.empty(),
        post,
        displayNames,
        context,
        sink);
    JsonNode replies = post.get("replies");
    if (replies != null && replies.isArray()) {
      for (JsonNode reply : replies) {
        Instant at =
            Instant.ofEpochMilli(
                Fields.number(reply, "create_at")
                    .orElseThrow(
                        () ->
                            new RecordException(
                                IngestErrorCode.MISSING_FIELD,
                                "Missing required field replies[].create_at")));
        String author = Fields.requiredText(reply, "user");
        String id = Ids.of(SOURCE, "post", channelId + ":" + author + ":" + at.toEpochMilli());
        message(
            id,
            channelId,
            channel,
            incidentId,
            at,
            author,
            text(reply, "message").orElse(""),
            Optional.of(rootId),
            reply,
            displayNames,
            context,
            sink);
      }
    }
  }

  private static void message(
      String id,
      String channelId,
      String channel,
      Optional<String> incidentId,
      Instant at,
      String user,
      String text,
      Optional<String> thread,
      JsonNode node,
      Map<String, String> displayNames,
      IngestContext context,
      RecordSink sink) {
    Optional<Instant> edited =
        Fields.number(node, "edit_at").filter(ms -> ms > 0).map(Instant::ofEpochMilli);
    boolean joined = text.endsWith(" joined the channel.");
    sink.message(
        new ChatMessage(
            id,
            SOURCE,
            channelId,
            Optional.of(channel),
            incidentId,
            at,
            Optional.of(user),
            Optional.of(displayNames.getOrDefault(user, user)),
            false,
            joined ? Optional.of("channel_join") : text(node, "type").filter(t -> !t.isBlank()),
            context.clean(text),
            thread,
            Optional.empty(),
            edited));
  }
}
