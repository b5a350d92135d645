package io.vigil.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON (optionally gzip) encoding of the wire records. The strict reader, used by the server,
 * rejects unknown properties, non-finite numbers and absurd nesting or lengths; the lenient one,
 * used by agents, ignores properties added by newer servers.
 */
public final class WireCodec {

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(16)
          .maxNumberLength(64)
          .maxStringLength(64 * 1024)
          .maxNameLength(256)
          .maxDocumentLength(256L * 1024 * 1024)
          .build();

  private final JsonMapper mapper;

  private WireCodec(boolean strict) {
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    this.mapper =
        JsonMapper.builder(factory)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .build();
  }

  public static WireCodec strict() {
    return new WireCodec(true);
  }

  public static WireCodec lenient() {
    return new WireCodec(false);
  }

  public JsonMapper mapper() {
    return mapper;
  }

  public byte[] write(Object value) {
    return mapper.writeValueAsBytes(value);
  }

  public void write(OutputStream out, Object value) {
    mapper.writeValue(out, value);
  }

  public byte[] writeGzip(Object value) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 8192)) {
      mapper.writeValue(gzip, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a value, turning every parse or validation failure into an {@link InvalidInputException}
   * whose message names the problem without echoing internals.
   */
  public <T> T read(byte[] json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw invalid(e);
    }
  }

  public <T> T read(InputStream json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw invalid(e);
    }
  }

  public <T> T readGzip(byte[] gzipped, Class<T> type) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
      return read(in, type);
    } catch (IOException e) {
      throw new InvalidInputException("body is not valid gzip: " + e.getMessage());
    }
  }

  /**
   * An I/O failure of the underlying stream (e.g. a size limit or a broken gzip stream) surfaces as
   * an {@link UncheckedIOException} carrying it, so callers can tell it from bad JSON.
   */
  private static RuntimeException invalid(JacksonException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return invalid;
      }
      if (cause instanceof IOException io) {
        return new UncheckedIOException(io);
      }
    }
    String message = e.getOriginalMessage();
    if (message != null && message.length() > 300) {
      message = message.substring(0, 300) + "…";
    }
    String where = e.getPathReference();
    return new InvalidInputException(
        "malformed JSON: " + message + (where == null || where.isEmpty() ? "" : " at " + where));
  }
}
