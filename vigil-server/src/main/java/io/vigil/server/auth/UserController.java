package io.vigil.server.auth;

import io.vigil.server.auth.UserRepository.UserRow;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration; admins only (see {@link SecurityConfig}). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

  private final UserService users;

  UserController(UserService users) {
    this.users = users;
  }

  @GetMapping
  List<UserRow> list() {
    return users.list();
  }

  @GetMapping("/{id}")
  UserRow get(@PathVariable long id) {
    return users.get(id);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  UserRow create(@RequestBody(required = false) UserService.UserRequest request) {
    return users.create(request);
  }

  @PutMapping("/{id}")
  UserRow update(
      @PathVariable long id,
      @RequestBody(required = false) UserService.UserRequest request,
      @AuthenticationPrincipal VigilUser caller) {
    return users.update(id, request, caller.id());
  }

  @PostMapping("/{id}/unlock")
  UserRow unlock(@PathVariable long id) {
    return users.unlock(id);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal VigilUser caller) {
    users.delete(id, caller.id());
    return ResponseEntity.noContent().build();
  }
}
