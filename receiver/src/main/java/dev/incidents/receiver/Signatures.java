package dev.incidents.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks that tell a request came from its sender. Every comparison is constant-time ({@link
 * MessageDigest#isEqual} over equal-length digests), so the time taken does not tell how much of a
 * guess was right.
 */
public final class Signatures {
  /** How far a Standard Webhooks timestamp may be from the receiver's clock (replay window). */
  public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

  private Signatures() {}

  /** Why a check failed, in one line (never the secret or the expected value). */
  public record Failure(RejectReason reason, String message) {}

  /** {@code Authorization: Bearer <token>}, compared in constant time. */
  public static Optional<Failure> bearer(String authorization, String token) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(
          new Failure(RejectReason.UNAUTHORIZED, "Missing Authorization: Bearer token"));
    }
    byte[] given = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    byte[] expected = sha256(token.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(given, expected)
        ? Optional.empty()
        : Optional.of(new Failure(RejectReason.UNAUTHORIZED, "Invalid bearer token"));
  }

  /**
   * PagerDuty Webhooks v3: {@code X-PagerDuty-Signature} holds one or more comma-separated {@code
   * v1=<hex HMAC-SHA256 of the raw body>}; one match with one of the secrets (two during a secret
   * rotation) is enough.
   */
  public static Optional<Failure> pagerDuty(String header, byte[] body, List<String> secrets) {
    if (header == null || header.isBlank()) {
      return Optional.of(new Failure(RejectReason.BAD_SIGNATURE, "Missing X-PagerDuty-Signature"));
    }
    List<byte[]> expected =
        secrets.stream()
            .map(secret -> hmac(secret.getBytes(StandardCharsets.UTF_8), body))
            .toList();
    boolean any = false;
    for (String part : header.split(",")) {
      String signature = part.trim();
      if (!signature.startsWith("v1=")) {
        continue;
      }
      byte[] given;
      try {
        given = HexFormat.of().parseHex(signature.substring(3).toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (byte[] candidate : expected) {
        any |= MessageDigest.isEqual(given, candidate);
      }
    }
    return any
        ? Optional.empty()
        : Optional.of(
            new Failure(
                RejectReason.BAD_SIGNATURE, "No v1 signature in X-PagerDuty-Signature matches"));
  }

  /**
   * Standard Webhooks (Svix), as incident.io signs: {@code webhook-signature} holds space-separated
   * {@code v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">}, keyed by the
   * base64 part of the {@code whsec_...} secret; the timestamp must be within {@link
   * #TIMESTAMP_TOLERANCE} of {@code now}.
   */
  public static Optional<Failure> standardWebhooks(
      String id,
      String timestamp,
      String signatures,
      byte[] body,
      List<String> secrets,
      Instant now) {
    if (id == null || timestamp == null || signatures == null) {
      return Optional.of(
          new Failure(
              RejectReason.BAD_SIGNATURE,
              "Missing webhook-id, webhook-timestamp or webhook-signature"));
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Optional.of(
          new Failure(RejectReason.BAD_SIGNATURE, "Invalid webhook-timestamp: not Unix seconds"));
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
    if (skew.compareTo(TIMESTAMP_TOLERANCE) > 0) {
      return Optional.of(
          new Failure(
              RejectReason.BAD_SIGNATURE,
              "webhook-timestamp is " + skew.toSeconds() + " s from the receiver's clock"));
    }
    byte[] prefix = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    List<byte[]> expected =
        secrets.stream().map(secret -> hmac(standardKey(secret), signed)).toList();
    boolean any = false;
    for (String part : signatures.trim().split(" +")) {
      if (!part.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(part.substring(3));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (byte[] candidate : expected) {
        any |= MessageDigest.isEqual(given, candidate);
      }
    }
    return any
        ? Optional.empty()
        : Optional.of(
            new Failure(
                RejectReason.BAD_SIGNATURE, "No v1 signature in webhook-signature matches"));
  }

  /** The HMAC key of a Standard Webhooks secret: the base64 after {@code whsec_}. */
  public static byte[] standardKey(String secret) {
    String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid incident.io signing secret: expected whsec_ followed by base64", e);
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
