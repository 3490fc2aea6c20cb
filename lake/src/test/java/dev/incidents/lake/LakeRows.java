package dev.incidents.lake;

import dev.incidents.core.schema.LakeTables;
import dev.incidents.core.schema.RowBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Rows of the lake tables for tests, built through the same row builder the code uses. */
final class LakeRows {
  private LakeRows() {}

  static Object[] alert(String key, Instant firedAt, String title) {
    return new RowBuilder(LakeTables.ALERTS)
        .set("alert_id", "alertmanager:alert:" + key)
        .set("source", "alertmanager")
        .set("fingerprint", key)
        .set("rule", "HighLatency")
        .set("title", title)
        .set("service", "checkout")
        .set("fired_at", firedAt)
        .set("labels", Map.of("severity", "page", "team", "payments"))
        .build();
  }

  static Object[] actionItem(String key, LocalDate due) {
    return new RowBuilder(LakeTables.ACTION_ITEMS)
        .set("action_item_id", "jira:issue:" + key)
        .set("title", "Fix " + key)
        .set("due_date", due)
        .set("status", "open")
        .set("created_at", Instant.parse("2026-03-01T10:00:00.123456789Z"))
        .set("source", "jira")
        .build();
  }
}
