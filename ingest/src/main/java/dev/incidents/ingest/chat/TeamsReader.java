package dev.incidents.ingest.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidents.core.model.ChatMessage;
import dev.incidents.core.model.Ids;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.core.model.Person;
import dev.incidents.ingest.IngestContext;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.RecordSinks;
import dev.incidents.ingest.SourceReader;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.json.Fields;
import dev.incidents.ingest.json.JsonRecords;
import dev.incidents.ingest.json.Timestamps;
import dev.incidents.ingest.statuspage.StatuspageReader;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Teams messages (Graph {@code chatMessage}, camelCase or the PascalCase export
 * serialisation). Bodies are HTML; system events have no sender; unknown message types are kept. A
 * message's author is named by the Graph users lists among the files read together ({@link
 * #displayNames}), whatever their order; its own {@code from.user.displayName} is the fallback.
 */
public final class TeamsReader implements SourceReader {
  public static final String SOURCE = "teams";
  private static final Set<String> ARRAYS = Set.of("value", "messages");

  private final Map<String, String> displayNames;

  /** Reads files alone: a message names its author only by its own {@code from.user}. */
  public TeamsReader() {
    this(Map.of());
  }

  /**
   * Reads files of one export: a message's author is named by these users (Graph user id to {@code
   * displayName}, from the export's users list) first, else by its own {@code
   * from.user.displayName}, which Graph may leave null or out of date.
   */
  public TeamsReader(Map<String, String> displayNames) {
    this.displayNames = Map.copyOf(displayNames);
  }

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    JsonRecords.forEach(
        input,
        sink,
        ARRAYS,
        (message, pointer) -> {
          if (isUser(message)) {
            user(message, sink);
          } else {
            message(message, context, sink);
          }
        });
  }

  private static boolean isUser(JsonNode record) {
    return field(record, "userPrincipalName").isPresent()
        && field(record, "createdDateTime").isEmpty();
  }

  /**
   * The display names of the Graph users in these files (Graph user id to {@code displayName}): a
   * first pass, so that neither the order of the files nor where the users list lies (an export's
   * {@code users/usersList.json}, a saved {@code GET /users}) matters. A users list is a file of
   * users: the pass over a file stops at its first message, since message files are the bulk of an
   * export. Records are discarded here; the reading pass accounts for and quarantines every one.
   * When two lists name one user differently, the file first by name wins, so the result does not
   * depend on the order of {@code inputs}.
   */
  public static Map<String, String> displayNames(List<Input> inputs) {
    Map<String, String> names = new HashMap<>();
    for (Input input : inputs.stream().sorted(Comparator.comparing(Input::name)).toList()) {
      try {
        JsonRecords.forEach(
            input,
            RecordSinks.DISCARD,
            ARRAYS,
            (record, pointer) -> {
              if (!isUser(record)) {
                throw MessageFile.INSTANCE;
              }
              field(record, "id").ifPresent(id -> names.putIfAbsent(id, userName(record, id)));
            });
      } catch (MessageFile stop) {
        // a file of messages: no users list
      }
    }
    return names;
  }

  /** Ends the first pass over a file of messages. */
  private static final class MessageFile extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final MessageFile INSTANCE = new MessageFile();

    private MessageFile() {
      super(null, null, false, false);
    }
  }

  /**
   * A user of the export (Graph {@code user}: {@code id}, {@code displayName}, {@code mail}, {@code
   * userPrincipalName}; the list {@code GET /users} or an export's users file): a person of this
   * source with the display name that messages may lack.
   */
  private static void user(JsonNode user, RecordSink sink) {
    String id =
        field(user, "id")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field id"));
    String principal = field(user, "userPrincipalName").orElse(id);
    sink.person(
        Person.of(
            SOURCE,
            id,
            userName(user, id),
            field(user, "mail").or(() -> Optional.of(principal).filter(p -> p.contains("@")))));
  }

  /** A user's name: the display name, else the user principal name, else the id. */
  private static String userName(JsonNode user, String id) {
    return field(user, "displayName")
        .filter(name -> !name.isBlank())
        .or(() -> field(user, "userPrincipalName"))
        .orElse(id);
  }

  /** A field by its camelCase name or its PascalCase twin. */
  static Optional<String> field(JsonNode node, String camelPath) {
    Optional<String> value = Fields.text(node, camelPath);
    if (value.isPresent()) {
      return value;
    }
    StringBuilder pascal = new StringBuilder();
    for (String step : camelPath.split("\\.")) {
      if (pascal.length() > 0) {
        pascal.append('.');
      }
      pascal.append(Character.toUpperCase(step.charAt(0))).append(step.substring(1));
    }
    return Fields.text(node, pascal.toString());
  }

  private void message(JsonNode message, IngestContext context, RecordSink sink) {
    String id =
        field(message, "id")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field id"));
    String created =
        field(message, "createdDateTime")
            .orElseThrow(
                () ->
                    new RecordException(
                        IngestErrorCode.MISSING_FIELD, "Missing required field createdDateTime"));
    String channelId =
        field(message, "channelIdentity.channelId")
            .or(() -> field(message, "chatId"))
            .orElse("teams");
    String body = field(message, "body.content").orElse("");
    boolean html =
        field(message, "body.contentType").map(type -> type.equalsIgnoreCase("html")).orElse(false);
    Optional<String> userId = field(message, "from.user.id");
    Optional<String> userName = field(message, "from.user.displayName");
    // The users list holds the directory's user.displayName; a message's from.user is a copy that
    // Graph leaves null for some users (and, per its identity resource, may be out of date). So the
    // export's users name the author first, the message's own name is the fallback.
    Optional<String> listed = userId.map(displayNames::get);
    Optional<String> author =
        listed.or(() -> userName).or(() -> field(message, "from.application.displayName"));
    boolean bot = field(message, "from.application.displayName").isPresent();
    if (userId.isPresent() && userName.isPresent() && listed.isEmpty()) {
      sink.person(Person.of(SOURCE, userId.get(), userName.get(), Optional.empty()));
    }
    // A channel post's subject (Graph chatMessage.subject) is part of what was said.
    Optional<String> subject = field(message, "subject").filter(value -> !value.isBlank());
    String content = html ? StatuspageReader.htmlToText(body) : body;
    Optional<String> edited = field(message, "lastEditedDateTime");
    sink.message(
        new ChatMessage(
            Ids.of(SOURCE, "message", channelId + ":" + id),
            SOURCE,
            channelId,
            Optional.empty(),
            Optional.of(IngestContext.channelKey(SOURCE, channelId)),
            Timestamps.iso("createdDateTime", created),
            userId,
            author,
            bot,
            field(message, "messageType").filter(type -> !type.equals("message")),
            context.clean(subject.map(value -> value + "\n\n" + content).orElse(content)),
            field(message, "replyToId")
                .map(reply -> Ids.of(SOURCE, "message", channelId + ":" + reply)),
            Optional.empty(),
            edited.map(value -> Timestamps.iso("lastEditedDateTime", value))));
  }
}
