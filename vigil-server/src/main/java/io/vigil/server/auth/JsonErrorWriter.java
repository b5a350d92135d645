package io.vigil.server.auth;

import io.vigil.model.ApiError;
import io.vigil.model.WireCodec;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/** Writes the standard {@link ApiError} body from filters, where no controller advice applies. */
@Component
class JsonErrorWriter {

  private final WireCodec codec = WireCodec.lenient();

  void write(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(codec.write(new ApiError(error, message)));
  }
}
