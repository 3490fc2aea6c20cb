package dev.incidents.ingest.chat;

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
import dev.incidents.ingest.json.Timestamps;
import dev.incidents.ingest.statuspage.StatuspageReader;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Teams messages (Graph {@code chatMessage}, camelCase or the PascalCase export
 * serialisation). Bodies are HTML; system events have no sender; unknown message types are kept.
 */
public final class TeamsReader implements SourceReader {
  public static final String SOURCE = "teams";

  @Override
  public void read(Input input, IngestContext context, RecordSink sink) {
    JsonRecords.forEach(
        input,
        sink,
        Set.of("value", "messages"),
        (message, pointer) -> {
          if (field(message, "userPrincipalName").isPresent()
              && field(message, "createdDateTime").isEmpty()) {
            user(message, sink);
          } else {
            message(message, context, sink);
          }
        });
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
            field(user, "displayName").orElse(principal),
            field(user, "mail").or(() -> Optional.of(principal).filter(p -> p.contains("@")))));
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

  private static void message(JsonNode message, IngestContext context, RecordSink sink) {
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
    Optional<String> author =
        field(message, "from.user.displayName")
            .or(() -> field(message, "from.application.displayName"));
    boolean bot = field(message, "from.application.displayName").isPresent();
    Optional<String> userId = field(message, "from.user.id");
    Optional<String> userName = field(message, "from.user.displayName");
    if (userId.isPresent() && userName.isPresent()) {
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
            field(message, "from.user.id"),
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
