package dev.incidents.ingest.slack;

import static dev.incidents.ingest.json.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.EventKind;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Person;
import dev.incidents.ingest.Events;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.input.InputCollector.Bundle;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack workspace export (folder or zip). {@code ts} stays a string and is split at the dot; the
 * time never comes from the day file's name. In incident channels, {@code /inc} commands become
 * typed timeline events and joins become {@code responder_joined}.
 */
public final class SlackReader {
  public static final String SOURCE = "slack";
  private static final Pattern DAY_FILE = Pattern.compile("^(.+)/(\\d{4}-\\d{2}-\\d{2})\\.json$");
  private static final Pattern MENTION = Pattern.compile("^<@([A-Z0-9]+)(?:\\|[^>]*)?>$");

  record User(String name, String handle, String email) {}

  record Channel(String id, String name) {}

  /** Reads a bundle; returns bytes read, for throughput. */
  public long read(
      Bundle bundle, IngestContext context, BiFunction<String, String, RecordSink> sinks) {
    long bytes = 0;
    Map<String, User> users = new HashMap<>();
    Map<String, User> handles = new HashMap<>();
    Map<String, Channel> channels = new HashMap<>();
    Input usersFile = bundle.files().get("users.json");
    RecordSink metaSink = sinks.apply(SOURCE, bundle.name() + "/users.json");
    JsonRecords.forEach(
        usersFile,
        metaSink,
        Set.of("users", "members"),
        (user, pointer) -> {
          String id = dev.incidents.ingest.json.Fields.requiredText(user, "id");
          String name =
              text(user, "real_name")
                  .or(() -> text(user, "profile.real_name"))
                  .or(() -> text(user, "name"))
                  .orElse(id);
          Optional<String> email = text(user, "profile.email");
          Optional<ZoneId> zone = text(user, "tz").flatMap(SlackReader::zone);
          User known = new User(name, text(user, "name").orElse(id), email.orElse(null));
          users.put(id, known);
          handles.put(known.handle().toLowerCase(java.util.Locale.ROOT), known);
          boolean bot = user.path("is_bot").asBoolean(false);
          if (!bot) {
            metaSink.person(
                new Person(
                    Ids.of(SOURCE, "user", id),
                    SOURCE,
                    name,
                    email,
                    zone,
                    text(user, "profile.title").map(t -> t.replaceFirst("^.*,\\s*", "")),
                    text(user, "name"),
                    Optional.of(id)));
          }
        });
    RecordSink channelSink = sinks.apply(SOURCE, bundle.name() + "/channels.json");
    for (String meta : new String[] {"channels.json", "groups.json"}) {
      Input file = bundle.files().get(meta);
      if (file == null) {
        continue;
      }
      JsonRecords.forEach(
          file,
          channelSink,
          Set.of("channels"),
          (channel, pointer) -> {
            String id = dev.incidents.ingest.json.Fields.requiredText(channel, "id");
            String name = text(channel, "name").orElse(id);
            channels.put(name, new Channel(id, name));
          });
    }
    for (Map.Entry<String, Input> entry : bundle.files().entrySet()) {
      Matcher matcher = DAY_FILE.matcher(entry.getKey());
      if (!matcher.matches()) {
        continue;
      }
      String folder = matcher.group(1);
      Channel channel = channels.getOrDefault(folder, new Channel(folder, folder));
      // Slack's own key for the channel: the transform links channels to incidents.
      Optional<String> incidentId = Optional.of(IngestContext.channelKey(SOURCE, channel.id()));
      Input day = entry.getValue();
      bytes += Math.max(0, day.size());
      RecordSink sink = sinks.apply(SOURCE, day.name());
      JsonRecords.forEach(
          day,
          sink,
          Set.of("messages"),
          (message, pointer) ->
              message(message, channel, incidentId, users, handles, context, sink));
    }
    return bytes;
  }

  private static Optional<ZoneId> zone(String id) {
    try {
      return Optional.of(ZoneId.of(id));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static void message(
      JsonNode message,
      Channel channel,
      Optional<String> incidentId,
      Map<String, User> users,
      Map<String, User> handles,
      IngestContext context,
      RecordSink sink) {
    String ts =
        text(message, "ts")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field ts"));
    if (!message.get("ts").isTextual()) {
      throw new RecordException(
          IngestErrorCode.WRONG_TYPE,
          "Invalid ts: expected a string, found a number ("
              + ts
              + "); a double would lose precision");
    }
    Instant posted = Timestamps.slackTs("ts", ts);
    Optional<String> subtype = text(message, "subtype");
    Optional<String> userId = text(message, "user");
    Optional<String> botId = text(message, "bot_id");
    boolean bot = botId.isPresent() || subtype.filter(s -> s.equals("bot_message")).isPresent();
    User author = userId.map(users::get).orElse(null);
    Optional<String> authorName =
        Optional.ofNullable(author)
            .map(User::name)
            .or(() -> text(message, "user_profile.real_name"))
            .or(() -> text(message, "username"));
    String text = context.clean(text(message, "text").orElse(""));
    Optional<String> threadTs = text(message, "thread_ts").filter(thread -> !thread.equals(ts));
    Optional<Instant> edited =
        text(message, "edited.ts").map(value -> Timestamps.slackTs("edited.ts", value));
    String messageId = Ids.of(SOURCE, "message", channel.id() + ":" + ts);
    Optional<Integer> replies =
        dev.incidents.ingest.json.Fields.number(message, "reply_count").map(Long::intValue);
    JsonNode pinnedTo = message.get("pinned_to");
    java.util.List<String> reactions = new java.util.ArrayList<>();
    JsonNode reactionList = message.get("reactions");
    if (reactionList != null && reactionList.isArray()) {
      reactionList.forEach(reaction -> text(reaction, "name").ifPresent(reactions::add));
    }
    sink.message(
        new ChatMessage(
            messageId,
            SOURCE,
            channel.id(),
            Optional.of(channel.name()),
            incidentId,
            posted,
            userId.or(() -> botId),
            authorName,
            bot,
            subtype,
            text,
            threadTs,
            replies,
            edited),
        pinnedTo != null && pinnedTo.isArray() && !pinnedTo.isEmpty(),
        reactions);
    if (incidentId.isEmpty()) {
      return;
    }
    String actor =
        author == null
            ? authorName.orElse(null)
            : author.email() != null ? author.email() : author.name();
    if (subtype.filter(s -> s.equals("channel_join")).isPresent()) {
      sink.event(
          Events.of(
              Ids.of(SOURCE, "join", channel.id() + ":" + ts),
              incidentId.get(),
              posted,
              EventKind.RESPONDER_JOINED,
              actor,
              null,
              SOURCE,
              messageId,
              Map.of()));
      return;
    }
    if (!text.startsWith("/inc ")) {
      return;
    }
    sink.event(
        Events.of(
            messageId.replace(":message:", ":command:"),
            incidentId.get(),
            posted,
            EventKind.COMMAND,
            actor,
            text,
            SOURCE,
            messageId,
            Map.of()));
    SlackCommands.parse(text)
        .ifPresent(
            command -> {
              String typedId = Ids.of(SOURCE, "command_event", channel.id() + ":" + ts);
              Map<String, String> attributes = new LinkedHashMap<>();
              switch (command.verb()) {
                case "role" -> {
                  attributes.put("role", command.role());
                  attributes.put("assignee", resolvePerson(command.argument(), users, handles));
                  sink.event(
                      Events.of(
                          typedId,
                          incidentId.get(),
                          posted,
                          EventKind.ROLE_ASSIGNED,
                          actor,
                          null,
                          SOURCE,
                          messageId,
                          attributes));
                }
                case "sev" -> {
                  attributes.put("severity", command.argument());
                  sink.event(
                      Events.of(
                          typedId,
                          incidentId.get(),
                          posted,
                          EventKind.SEVERITY_CHANGED,
                          actor,
                          null,
                          SOURCE,
                          messageId,
                          attributes));
                }
                case "status" -> {
                  attributes.put("status", command.argument());
                  attributes.put(
                      "canonical_status",
                      command.argument().equals("resolved") ? "resolved" : "active");
                  sink.event(
                      Events.of(
                          typedId,
                          incidentId.get(),
                          posted,
                          EventKind.STATUS_CHANGED,
                          actor,
                          null,
                          SOURCE,
                          messageId,
                          attributes));
                }
                case "update" ->
                    sink.event(
                        Events.of(
                            typedId,
                            incidentId.get(),
                            posted,
                            EventKind.STATUS_UPDATE,
                            actor,
                            command.argument(),
                            SOURCE,
                            messageId,
                            Map.of()));
                default ->
                    sink.event(
                        Events.of(
                            typedId,
                            incidentId.get(),
                            posted,
                            EventKind.RESOLVED,
                            actor,
                            null,
                            SOURCE,
                            messageId,
                            Map.of()));
              }
            });
  }

  /** {@code <@U123>} or {@code @handle} → the person's email, else name, else the raw argument. */
  static String resolvePerson(String argument, Map<String, User> users, Map<String, User> handles) {
    Matcher matcher = MENTION.matcher(argument);
    User user = null;
    if (matcher.matches()) {
      user = users.get(matcher.group(1));
    } else if (argument.startsWith("@")) {
      user = handles.get(argument.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    if (user == null) {
      return argument.replaceFirst("^@", "");
    }
    return user.email() != null ? user.email() : user.name();
  }
}
