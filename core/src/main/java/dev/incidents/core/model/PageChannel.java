package dev.incidents.core.model;

import java.util.Locale;

/** How a page reached a human. Email pages never count as interruptions. */
public enum PageChannel {
  PHONE,
  SMS,
  PUSH,
  EMAIL,
  CHAT,
  OTHER;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Maps vendor notification types (PagerDuty {@code phone_notification} etc.) onto a channel. */
  public static PageChannel fromVendor(String value) {
    if (value == null) {
      return OTHER;
    }
    String normalized = value.toLowerCase(Locale.ROOT);
    if (normalized.contains("phone")
        || normalized.contains("voice")
        || normalized.contains("call")) {
      return PHONE;
    }
    if (normalized.contains("sms")) {
      return SMS;
    }
    if (normalized.contains("push")) {
      return PUSH;
    }
    if (normalized.contains("email")) {
      return EMAIL;
    }
    if (normalized.contains("chat") || normalized.contains("slack")) {
      return CHAT;
    }
    return OTHER;
  }
}
