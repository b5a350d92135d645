package io.vigil.checks.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed HTTP/1.x response. Two responses are equal only when they are the same object: each
 * keeps its own copy of {@code bodyPrefix}, which record equality compares by identity.
 *
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status the status code
 * @param reason the reason phrase, possibly empty
 * @param headers the header fields in order, names as sent
 * @param bodyPrefix the first bytes of the (de-chunked) body, up to the capture limit
 * @param bodyBytes the length of the whole (de-chunked) body
 */
public record HttpResponse(
    String version,
    int status,
    String reason,
    List<Map.Entry<String, String>> headers,
    byte[] bodyPrefix,
    long bodyBytes) {

  public HttpResponse {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reason, "reason");
    headers = List.copyOf(headers);
    bodyPrefix = bodyPrefix.clone();
  }

  /** The first value of the header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** All values of the header {@code name} (case-insensitive), in order. */
  public List<String> headerValues(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return headers.stream()
        .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(lower))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public byte[] bodyPrefix() {
    return bodyPrefix.clone();
  }

  /** Whether the body was longer than {@link #bodyPrefix()}. */
  public boolean bodyTruncated() {
    return bodyBytes > bodyPrefix.length;
  }

  @Override
  public String toString() {
    return version + " " + status + " " + reason + " (" + bodyBytes + " body bytes)";
  }
}
