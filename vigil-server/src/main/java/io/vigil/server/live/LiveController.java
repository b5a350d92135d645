package io.vigil.server.live;

import io.vigil.model.Names;
import io.vigil.server.auth.HostAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live stream the UI listens to. */
@RestController
class LiveController {

  private final LiveHub hub;
  private final HostAccess hostAccess;

  LiveController(LiveHub hub, HostAccess hostAccess) {
    this.hub = hub;
    this.hostAccess = hostAccess;
  }

  @GetMapping(path = "/api/v1/stream", produces = "text/event-stream")
  SseEmitter stream(@RequestParam(required = false) String host) {
    if (host != null) {
      Names.requireTagValue("host", host);
      hostAccess.requireHost(host);
    }
    // The scope is taken now: events of hosts outside it are never sent on this stream.
    return hub.subscribe(host, hostAccess.current());
  }
}
