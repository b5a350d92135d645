package io.vigil.server.inventory;

import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Host groups and their members; attaching templates is in the items feature. */
@RestController
class HostGroupController {

  /** Body of creating or renaming a group. */
  record GroupRequest(String name, String description) {}

  private final HostGroupService groups;
  private final HostAccess hostAccess;

  HostGroupController(HostGroupService groups, HostAccess hostAccess) {
    this.groups = groups;
    this.hostAccess = hostAccess;
  }

  @GetMapping("/api/v1/host-groups")
  List<HostGroupService.HostGroup> list() {
    HostScope scope = hostAccess.current(); // scoped users see only their granted groups
    return groups.list().stream().filter(group -> scope.allowsGroup(group.id())).toList();
  }

  @GetMapping("/api/v1/host-groups/{id}")
  HostGroupService.HostGroup get(@PathVariable long id) {
    if (!hostAccess.current().allowsGroup(id)) {
      throw ApiException.forbidden("You have no access to host group " + id + ".");
    }
    return groups.get(id);
  }

  @PostMapping("/api/v1/host-groups")
  @ResponseStatus(HttpStatus.CREATED)
  HostGroupService.HostGroup create(@RequestBody(required = false) GroupRequest request) {
    GroupRequest body = request == null ? new GroupRequest(null, null) : request;
    return groups.create(body.name(), body.description());
  }

  @PutMapping("/api/v1/host-groups/{id}")
  HostGroupService.HostGroup update(
      @PathVariable long id, @RequestBody(required = false) GroupRequest request) {
    GroupRequest body = request == null ? new GroupRequest(null, null) : request;
    return groups.update(id, body.name(), body.description());
  }

  @DeleteMapping("/api/v1/host-groups/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    groups.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/v1/host-groups/{id}/hosts/{hostKey}")
  ResponseEntity<Void> addHost(@PathVariable long id, @PathVariable String hostKey) {
    groups.membership(id, hostKey, true);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/v1/host-groups/{id}/hosts/{hostKey}")
  ResponseEntity<Void> removeHost(@PathVariable long id, @PathVariable String hostKey) {
    groups.membership(id, hostKey, false);
    return ResponseEntity.noContent().build();
  }
}
