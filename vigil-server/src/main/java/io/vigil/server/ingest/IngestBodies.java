package io.vigil.server.ingest;

import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;

/**
 * Request bodies of every ingest endpoint, read within {@code vigil.ingest.max-body-size} as sent
 * and {@code max-uncompressed-size} after gzip ({@code Content-Encoding: gzip}), so a client cannot
 * make the server buffer or inflate without bound.
 */
public final class IngestBodies {

  private IngestBodies() {}

  /**
   * The body as a stream that fails once a limit is passed (turned into 413 by {@link #translate});
   * gzip is inflated as it is read.
   *
   * @throws ApiException 413 for a declared length over the limit, 415 for another encoding, 400
   *     for a gzip header that is cut short or wrong
   */
  public static InputStream open(HttpServletRequest request, IngestProperties limits)
      throws IOException {
    long maxBody = limits.maxBodySize().toBytes();
    if (request.getContentLengthLong() > maxBody) {
      throw tooLarge("the body is larger than " + maxBody + " bytes");
    }
    InputStream body = new BoundedInputStream(request.getInputStream(), maxBody, "the body");
    String encoding = request.getHeader("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
      return body;
    }
    if (!encoding.equalsIgnoreCase("gzip")) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_encoding",
          "Content-Encoding must be gzip or identity.");
    }
    try {
      // GZIPInputStream reads the header in its constructor: a cut-short body fails here.
      return new BoundedInputStream(
          new GZIPInputStream(body, 65536),
          limits.maxUncompressedSize().toBytes(),
          "the uncompressed body");
    } catch (ZipException | EOFException | BoundedInputStream.TooLargeException e) {
      throw translate(e);
    }
  }

  /**
   * What a failure while reading the body means for the caller: 413 over a limit, 400 for broken
   * gzip; anything else is an I/O failure of the connection.
   */
  public static RuntimeException translate(IOException e) {
    if (e instanceof BoundedInputStream.TooLargeException) {
      return tooLarge(e.getMessage());
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return ApiException.badRequest("the body is not valid gzip");
    }
    return new UncheckedIOException(e);
  }

  private static ApiException tooLarge(String message) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too_large", message);
  }
}
