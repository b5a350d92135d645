package io.vigil.server.live;

import io.vigil.model.Names;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live stream the UI listens to. */
@RestController
class LiveController {

  private final LiveHub hub;

  LiveController(LiveHub hub) {
    this.hub = hub;
  }

  @GetMapping(path = "/api/v1/stream", produces = "text/event-stream")
  SseEmitter stream(@RequestParam(required = false) String host) {
    if (host != null) {
      Names.requireTagValue("host", host);
    }
    return hub.subscribe(host);
  }
}
