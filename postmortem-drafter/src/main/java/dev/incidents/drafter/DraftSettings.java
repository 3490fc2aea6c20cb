package dev.incidents.drafter;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import java.time.ZoneId;
import java.util.List;

/**
 * How a draft is curated: the report time zone, the timeline cap, the chat signals (reactions,
 * finding words, thread size), the cause words of the leads and the similarity threshold. Every
 * value comes from the one configuration ({@code draft.*} keys).
 */
public record DraftSettings(
    ZoneId zone,
    int timelineCap,
    List<String> signalReactions,
    List<String> findingWords,
    List<String> causeWords,
    int threadReplies,
    double similarityThreshold,
    boolean fullTimeline) {
  public DraftSettings {
    requireNonNull(zone, "zone is null");
    signalReactions = List.copyOf(signalReactions);
    findingWords = List.copyOf(findingWords);
    causeWords = List.copyOf(causeWords);
    if (timelineCap < 1) {
      throw new IllegalArgumentException("draft.timeline-cap must be at least 1: " + timelineCap);
    }
    if (threadReplies < 1) {
      throw new IllegalArgumentException(
          "draft.thread-replies must be at least 1: " + threadReplies);
    }
    if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
      throw new IllegalArgumentException(
          "draft.similarity-threshold must be between 0 and 1: " + similarityThreshold);
    }
  }

  public static DraftSettings from(Config config, boolean fullTimeline) {
    return new DraftSettings(
        config.getZone(ConfigKeys.REPORT_TIMEZONE),
        config.getInt(ConfigKeys.DRAFT_TIMELINE_CAP),
        config.getList(ConfigKeys.DRAFT_SIGNAL_REACTIONS),
        config.getList(ConfigKeys.DRAFT_FINDING_WORDS),
        config.getList(ConfigKeys.DRAFT_CAUSE_WORDS),
        config.getInt(ConfigKeys.DRAFT_THREAD_REPLIES),
        config.getDouble(ConfigKeys.DRAFT_SIMILARITY_THRESHOLD),
        fullTimeline);
  }

  /** The defaults of every {@code draft.*} key, in the given zone. */
  public static DraftSettings defaults(ZoneId zone) {
    return from(Config.defaults(), false).withZone(zone);
  }

  public DraftSettings withZone(ZoneId value) {
    return new DraftSettings(
        value,
        timelineCap,
        signalReactions,
        findingWords,
        causeWords,
        threadReplies,
        similarityThreshold,
        fullTimeline);
  }

  public DraftSettings withFullTimeline(boolean value) {
    return new DraftSettings(
        zone,
        timelineCap,
        signalReactions,
        findingWords,
        causeWords,
        threadReplies,
        similarityThreshold,
        value);
  }

  public boolean utc() {
    return zone.normalized().equals(java.time.ZoneOffset.UTC);
  }
}
