package dev.incidents.core.model;

import java.util.Locale;

/** Canonical action-item status; the tracker's own value is kept in {@code original_status}. */
public enum ActionItemStatus {
  OPEN,
  DONE,
  WONT_DO;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ActionItemStatus fromValue(String value) {
    for (ActionItemStatus status : values()) {
      if (status.value().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Invalid action item status: '" + value + "'");
  }
}
