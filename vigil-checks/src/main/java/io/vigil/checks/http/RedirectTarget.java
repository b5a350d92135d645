package io.vigil.checks.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Where a {@code Location} header points, resolved against the URL that answered with it. */
public final class RedirectTarget {

  private RedirectTarget() {}

  /**
   * Resolves {@code location} (absolute, scheme-relative, absolute-path or relative, RFC 3986
   * section 5) against {@code base}. Characters not allowed in a URI (spaces, non-ASCII) are
   * percent-encoded as UTF-8 first, as browsers do; a fragment is dropped.
   *
   * @throws IllegalArgumentException when the result is not an http or https URL with a host
   */
  public static URI resolve(URI base, String location) {
    String text = location == null ? "" : location.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty Location header");
    }
    URI reference;
    try {
      reference = new URI(encodeIllegal(text));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "invalid Location '" + HttpResponseParser.printable(text) + "': " + e.getReason(), e);
    }
    // java.net.URI follows RFC 2396 for a query-only reference ("?q" drops the last segment);
    // RFC 3986 keeps the base path.
    URI target =
        reference.getScheme() == null
                && reference.getRawAuthority() == null
                && (reference.getRawPath() == null || reference.getRawPath().isEmpty())
                && reference.getRawQuery() != null
            ? URI.create(
                base.getScheme()
                    + "://"
                    + base.getRawAuthority()
                    + base.getRawPath()
                    + "?"
                    + reference.getRawQuery())
            : base.resolve(reference);
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "redirect to a non-HTTP URL: " + HttpResponseParser.printable(text));
    }
    if (target.getHost() == null) {
      throw new IllegalArgumentException(
          "redirect to a URL without a host: " + HttpResponseParser.printable(text));
    }
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    String query = target.getRawQuery() == null ? "" : "?" + target.getRawQuery();
    return URI.create(scheme + "://" + target.getRawAuthority() + path + query);
  }

  private static String encodeIllegal(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= ' ' || c >= 127 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^'
          || c == '`' || c == '{' || c == '|' || c == '}') {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }
}
