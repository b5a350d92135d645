package io.vigil.server.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error answers (a request line or headers too long, a malformed request the servlet
 * never sees) as {@code {"error","message"}} JSON like every other error, instead of Tomcat's HTML
 * page. Installed as the host's error report valve, so it reports before any other.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String error =
        switch (status) {
          case 400 -> "invalid_request";
          case 404 -> "not_found";
          case 413 -> "too_large";
          case 414 -> "uri_too_long";
          default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    String message =
        status < 500
            ? "The request was refused (HTTP "
                + status
                + "): malformed, or its URL or headers are too long."
            : "Unexpected server error; see the log.";
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is committed: nothing left to tell it.
    }
  }

  /** Makes this the host's error report valve. */
  @Component
  static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
          });
    }
  }
}
