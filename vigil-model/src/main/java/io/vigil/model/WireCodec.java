package io.vigil.model;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

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
    JsonMapper.Builder builder =
        JsonMapper.builder(factory)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    if (strict) {
      builder.addModule(
          new SimpleModule("vigil-text").addDeserializer(String.class, new TextDeserializer()));
    }
    this.mapper = builder.build();
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
        if (io instanceof CharConversionException || raisedByJackson(io)) {
          // Jackson guesses UTF-16/32 from zero bytes or a BOM and fails while decoding: bad input,
          // unlike an I/O failure of the underlying stream.
          return new InvalidInputException("malformed JSON: the body is not UTF-8 text");
        }
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

  private static boolean raisedByJackson(IOException e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("tools.jackson.");
  }

  /**
   * Strings of the strict reader must be well-formed text: no control characters other than tab and
   * line breaks, and no unpaired surrogates, which is what Jackson makes of invalid UTF-8 such as
   * overlong ({@code C0 80}) or out-of-range ({@code F4 90 80 80}) sequences. Such text would
   * otherwise reach the databases (PostgreSQL refuses NUL) and the UI.
   */
  private static final class TextDeserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      String value = super.deserialize(p, ctxt);
      if (value != null && !isWellFormed(value)) {
        return ctxt.reportInputMismatch(
            this, "text contains a control character or is not valid UTF-8");
      }
      return value;
    }

    static boolean isWellFormed(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20) {
          if (c != '\t' && c != '\n' && c != '\r') {
            return false;
          }
        } else if (Character.isSurrogate(c)) {
          if (!Character.isHighSurrogate(c)
              || i + 1 == value.length()
              || !Character.isLowSurrogate(value.charAt(i + 1))) {
            return false;
          }
          i++;
        } else if (c == 0x7f) {
          return false;
        }
      }
      return true;
    }
  }
}
