package dev.incidents.generator;

import static java.util.Objects.requireNonNull;

import dev.incidents.generator.IncidentPlan.ActionItemPlan;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The instant an export is downloaded at. {@link #NONE} is the final state (the normal export):
 * every simulated record is included. With an instant T, a writer emits only what a tool would have
 * shown at T: records created after T are absent, and state that changed after T is as it was at T.
 * The simulation is never re-run; writers filter what they emit through this.
 */
record Cutoff(Optional<Instant> at) {
  static final Cutoff NONE = new Cutoff(Optional.empty());

  /** How long after {@code reportedAt} a declined, merged or canceled incident was closed. */
  static final long DECLINED_AFTER_SECONDS = 240;

  static final long MERGED_AFTER_SECONDS = 300;
  static final long CANCELED_AFTER_SECONDS = 120;

  /** How long after creation a "not doing" action item was closed as Won't Do. */
  static final long NOT_DOING_AFTER_SECONDS = 86_400;

  Cutoff {
    requireNonNull(at, "at is null");
  }

  static Cutoff at(Instant instant) {
    return new Cutoff(Optional.of(requireNonNull(instant, "instant is null")));
  }

  /** Whether something that happened at {@code instant} is visible; null never happened. */
  boolean includes(Instant instant) {
    return instant != null && (at.isEmpty() || !instant.isAfter(at.get()));
  }

  /** The instant when visible at the cutoff, else null. */
  Instant visible(Instant instant) {
    return includes(instant) ? instant : null;
  }

  /**
   * The incident's "resolved at" as of the cutoff: the final resolution once it happened; for a
   * reopened incident, the first resolution between it and the reopening; else null.
   */
  Instant resolvedAt(IncidentPlan plan) {
    if (includes(plan.resolvedAt)) {
      return plan.resolvedAt;
    }
    if (plan.reopened && includes(plan.firstResolvedAt) && !includes(plan.reopenedAt)) {
      return plan.firstResolvedAt;
    }
    return null;
  }

  /** When a declined, merged or canceled incident left the live statuses; null for the others. */
  static Instant declinedAt(IncidentPlan plan) {
    return switch (plan.finalStatus) {
      case "declined" -> plan.reportedAt.plusSeconds(DECLINED_AFTER_SECONDS);
      case "merged" -> plan.reportedAt.plusSeconds(MERGED_AFTER_SECONDS);
      case "canceled" -> plan.reportedAt.plusSeconds(CANCELED_AFTER_SECONDS);
      default -> null;
    };
  }

  /** Whether the incident was declined, merged or canceled by the cutoff. */
  boolean declined(IncidentPlan plan) {
    return includes(declinedAt(plan));
  }

  /**
   * Whether the post-mortem file exists at the cutoff: a published one from its publication, a
   * draft from the incident's resolution.
   */
  boolean postmortemVisible(IncidentPlan plan) {
    return switch (plan.postmortemStatus) {
      case "published" -> includes(plan.postmortemPublishedAt);
      case "draft" -> includes(plan.resolvedAt);
      default -> false;
    };
  }

  /**
   * The action item as of the cutoff: empty when created after it; an item completed or closed as
   * not doing after the cutoff is still outstanding, with no completion.
   */
  Optional<ActionItemPlan> actionItem(ActionItemPlan item) {
    if (!includes(item.createdAt())) {
      return Optional.empty();
    }
    boolean open =
        switch (item.status()) {
          case "completed" -> !includes(item.completedAt());
          case "not_doing" -> !includes(item.createdAt().plusSeconds(NOT_DOING_AFTER_SECONDS));
          default -> false;
        };
    if (!open) {
      return Optional.of(item);
    }
    return Optional.of(
        new ActionItemPlan(
            item.followUpId(),
            item.jiraKey(),
            item.jiraId(),
            item.title(),
            item.owner(),
            item.dueDate(),
            "outstanding",
            item.createdAt(),
            null,
            item.priority()));
  }

  /** The plan's action items as of the cutoff, in plan order. */
  List<ActionItemPlan> actionItems(IncidentPlan plan) {
    return plan.actionItems.stream().map(this::actionItem).flatMap(Optional::stream).toList();
  }
}
