package dev.incidents.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One chat message ({@code chat_messages} table).
 *
 * @param threadId the Slack {@code thread_ts} kept as a string, never as a double
 */
public record ChatMessage(
    String messageId,
    String source,
    String channelId,
    Optional<String> channelName,
    Optional<String> incidentId,
    Instant postedAt,
    Optional<String> authorId,
    Optional<String> authorName,
    boolean isBot,
    Optional<String> subtype,
    String text,
    Optional<String> threadId,
    Optional<Integer> replyCount,
    Optional<Instant> editedAt) {
  public ChatMessage {
    Ids.requireValid(messageId, "messageId");
    requireNonNull(source, "source is null");
    requireNonNull(channelId, "channelId is null");
    requireNonNull(channelName, "channelName is null");
    requireNonNull(incidentId, "incidentId is null");
    requireNonNull(postedAt, "postedAt is null");
    requireNonNull(authorId, "authorId is null");
    requireNonNull(authorName, "authorName is null");
    requireNonNull(subtype, "subtype is null");
    requireNonNull(text, "text is null");
    requireNonNull(threadId, "threadId is null");
    requireNonNull(replyCount, "replyCount is null");
    requireNonNull(editedAt, "editedAt is null");
  }
}
