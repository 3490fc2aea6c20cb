package dev.incidents.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus' label-set fingerprint (FNV-1a 64 over the sorted label names and values, each
 * followed by the 0xff separator), printed as 16 hex digits as Alertmanager does. Used for
 * Alertmanager payloads from before 0.19, which carry no fingerprint.
 */
public final class AlertFingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private AlertFingerprint() {}

  public static String of(Map<String, String> labels) {
    long hash = OFFSET;
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      hash = add(hash, label.getKey());
      hash = addByte(hash, (byte) 0xff);
      hash = add(hash, label.getValue());
      hash = addByte(hash, (byte) 0xff);
    }
    return String.format("%016x", hash);
  }

  private static long add(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = addByte(hash, b);
    }
    return hash;
  }

  private static long addByte(long hash, byte b) {
    hash ^= (b & 0xff);
    hash *= PRIME;
    return hash;
  }
}
