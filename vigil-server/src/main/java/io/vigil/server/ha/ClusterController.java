package io.vigil.server.ha;

import io.vigil.server.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pair's state for people ({@code GET /api/v1/cluster}) and the heartbeat between the servers
 * ({@code POST /api/v1/cluster/heartbeat}, authenticated by its HMAC signature, not by a session).
 */
@RestController
class ClusterController {

  static final int MAX_HEARTBEAT = 4096;

  private final ClusterNode node;

  ClusterController(ClusterNode node) {
    this.node = node;
  }

  @GetMapping("/api/v1/cluster")
  ClusterNode.Status status() {
    return node.status();
  }

  @PostMapping(value = "/api/v1/cluster/heartbeat", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> heartbeat(
      @RequestBody byte[] body,
      @RequestHeader(name = HeartbeatSigner.HEADER, required = false) String signature) {
    if (body.length > MAX_HEARTBEAT) {
      throw ApiException.badRequest("a heartbeat is at most " + MAX_HEARTBEAT + " bytes");
    }
    ClusterNode.SignedHeartbeat answer =
        node.received(body, signature)
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "not a heartbeat of this server's peer (signature, node or order wrong)"));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .header(HeartbeatSigner.HEADER, answer.signature())
        .body(answer.body());
  }
}
