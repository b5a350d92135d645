package io.vigil.server.auth;

import io.vigil.model.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes the standard {@link ApiError} body from filters, where no controller advice applies. */
@Component
class JsonErrorWriter {

  private final JsonMapper json = JsonMapper.builder().build();

  void write(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(json.writeValueAsBytes(new ApiError(error, message)));
  }
}
