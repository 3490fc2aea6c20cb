package dev.incidents.generator;

import java.time.Instant;

/** incident.io-style ULIDs: 48 bits of milliseconds, 80 random bits, Crockford base32. */
final class Ulid {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private Ulid() {}

  static String of(Instant time, Rng rng) {
    char[] out = new char[26];
    long millis = time.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = ALPHABET[rng.nextInt(32)];
    }
    return new String(out);
  }
}
