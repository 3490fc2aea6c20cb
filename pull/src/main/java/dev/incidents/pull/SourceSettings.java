package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKey;
import dev.incidents.core.config.ConfigLayer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The resolved settings of one source: its base URL (https, or http on a loopback host only) and
 * its token. {@link #toString()} prints the token as {@code ****}.
 */
public record SourceSettings(PullSource source, URI baseUrl, Optional<String> token) {
  public SourceSettings {
    requireNonNull(source, "source is null");
    requireNonNull(baseUrl, "baseUrl is null");
    requireNonNull(token, "token is null");
    String scheme = String.valueOf(baseUrl.getScheme()).toLowerCase(Locale.ROOT);
    if (baseUrl.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Invalid " + source.baseUrlKey().name() + ": '" + baseUrl + "' is not an http(s) URL");
    }
    if (scheme.equals("http") && !isLoopback(baseUrl.getHost())) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Refusing "
              + source.baseUrlKey().name()
              + " '"
              + baseUrl
              + "': http:// is allowed for a loopback host only; use https://");
    }
  }

  /** Reads {@code sources.<name>.base-url} and {@code sources.<name>.token}. */
  public static SourceSettings from(Config config, PullSource source) {
    String base = config.get(source.baseUrlKey()).trim();
    if (base.isEmpty()) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Set "
              + source.baseUrlKey().name()
              + " (environment "
              + source.baseUrlKey().environmentVariable()
              + "): "
              + source.value()
              + " has no public default URL");
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new PullException(
          PullErrorCode.CONFIGURATION,
          "Invalid " + source.baseUrlKey().name() + ": '" + base + "' is not a URL");
    }
    String token = config.get(source.tokenKey());
    return new SourceSettings(
        source, uri, token.isBlank() ? Optional.empty() : Optional.of(token.trim()));
  }

  /** A source counts as configured when any of its keys is set outside the defaults. */
  public static boolean configured(Config config, PullSource source) {
    for (ConfigKey key : source.keys()) {
      if (config.layer(key) != ConfigLayer.DEFAULT) {
        return true;
      }
    }
    return false;
  }

  /** The token, or a one-line error naming the environment variable to set. */
  public String requireToken() {
    return token.orElseThrow(
        () ->
            new PullException(
                PullErrorCode.CONFIGURATION,
                "No token for "
                    + source.value()
                    + ": set "
                    + source.tokenKey().environmentVariable()));
  }

  public URI resolve(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false; // never resolve a name to decide: only literal addresses count
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "SourceSettings[source="
        + source.value()
        + ", baseUrl="
        + baseUrl
        + ", token="
        + (token.isPresent() ? "****" : "")
        + "]";
  }
}
