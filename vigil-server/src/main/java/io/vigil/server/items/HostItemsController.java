package io.vigil.server.items;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A host's effective items, and its overrides and own items. */
@RestController
class HostItemsController {

  private final HostItemService items;

  HostItemsController(HostItemService items) {
    this.items = items;
  }

  @GetMapping("/api/v1/hosts/{hostKey}/items")
  HostItemService.HostItems list(@PathVariable String hostKey) {
    return items.items(hostKey);
  }

  @PutMapping("/api/v1/hosts/{hostKey}/items/{key}")
  HostItemService.HostItemView put(
      @PathVariable String hostKey,
      @PathVariable String key,
      @RequestBody(required = false) ItemRequest request) {
    return items.put(hostKey, key, request);
  }

  @DeleteMapping("/api/v1/hosts/{hostKey}/items/{key}")
  ResponseEntity<Void> delete(@PathVariable String hostKey, @PathVariable String key) {
    items.delete(hostKey, key);
    return ResponseEntity.noContent().build();
  }
}
