package io.vigil.server.notify;

import io.vigil.server.auth.AuditLog;
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

/** Recipients and recipient groups (changes: admins only, see SecurityConfig). */
@RestController
class RecipientController {

  /** Body of creating or replacing a recipient; {@code enabled} defaults to true. */
  record RecipientRequest(
      String name,
      String email,
      String phone,
      String webhookUrl,
      String webhookFormat,
      String language,
      Boolean enabled,
      List<OnCall> onCall) {
    Recipient toRecipient(long id) {
      return new Recipient(
          id,
          name,
          email,
          phone,
          webhookUrl,
          webhookFormat,
          language,
          enabled == null || enabled,
          onCall);
    }
  }

  /** Body of creating or replacing a group. */
  record GroupRequest(String name, List<Long> members, List<OnCall> onCall) {}

  private final RecipientRepository repository;
  private final AuditLog audit;

  RecipientController(RecipientRepository repository, AuditLog audit) {
    this.repository = repository;
    this.audit = audit;
  }

  @GetMapping("/api/v1/recipients")
  List<Recipient> list() {
    return repository.findAll();
  }

  @GetMapping("/api/v1/recipients/{id}")
  Recipient get(@PathVariable long id) {
    return repository.find(id).orElseThrow(() -> ApiException.notFound("No recipient " + id));
  }

  @PostMapping("/api/v1/recipients")
  @ResponseStatus(HttpStatus.CREATED)
  Recipient create(@RequestBody(required = false) RecipientRequest request) {
    Recipient recipient = required(request).toRecipient(0);
    uniqueName("recipients", recipient.name(), 0);
    Recipient created = recipient.withId(repository.insert(recipient));
    audit.record("create", "recipient", created.name(), null, created);
    return created;
  }

  @PutMapping("/api/v1/recipients/{id}")
  Recipient update(@PathVariable long id, @RequestBody(required = false) RecipientRequest request) {
    Recipient old = get(id);
    Recipient recipient = required(request).toRecipient(id);
    uniqueName("recipients", recipient.name(), id);
    repository.update(recipient);
    audit.record("update", "recipient", recipient.name(), old, recipient);
    return recipient;
  }

  @DeleteMapping("/api/v1/recipients/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    Recipient old = get(id);
    repository.delete(id);
    audit.record("delete", "recipient", old.name(), old, null);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/v1/recipient-groups")
  List<RecipientGroup> groups() {
    return repository.findAllGroups();
  }

  @GetMapping("/api/v1/recipient-groups/{id}")
  RecipientGroup group(@PathVariable long id) {
    return repository
        .findGroup(id)
        .orElseThrow(() -> ApiException.notFound("No recipient group " + id));
  }

  @PostMapping("/api/v1/recipient-groups")
  @ResponseStatus(HttpStatus.CREATED)
  RecipientGroup createGroup(@RequestBody(required = false) GroupRequest request) {
    RecipientGroup group = validGroup(0, request);
    long id = repository.insertGroup(group);
    RecipientGroup created = group(id);
    audit.record("create", "recipient_group", created.name(), null, created);
    return created;
  }

  @PutMapping("/api/v1/recipient-groups/{id}")
  RecipientGroup updateGroup(
      @PathVariable long id, @RequestBody(required = false) GroupRequest request) {
    RecipientGroup old = group(id);
    RecipientGroup group = validGroup(id, request);
    repository.updateGroup(group);
    audit.record("update", "recipient_group", group.name(), old, group);
    return group(id);
  }

  @DeleteMapping("/api/v1/recipient-groups/{id}")
  ResponseEntity<Void> deleteGroup(@PathVariable long id) {
    RecipientGroup old = group(id);
    repository.deleteGroup(id);
    audit.record("delete", "recipient_group", old.name(), old, null);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/v1/recipient-groups/{id}/members/{recipientId}")
  ResponseEntity<Void> addMember(@PathVariable long id, @PathVariable long recipientId) {
    RecipientGroup group = group(id);
    Recipient recipient = get(recipientId);
    if (repository.addMember(id, recipientId)) {
      audit.record("attach", "recipient_group", group.name(), null, recipient.name());
    }
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/v1/recipient-groups/{id}/members/{recipientId}")
  ResponseEntity<Void> removeMember(@PathVariable long id, @PathVariable long recipientId) {
    RecipientGroup group = group(id);
    if (!repository.removeMember(id, recipientId)) {
      throw ApiException.notFound("Recipient " + recipientId + " is not in group " + id);
    }
    audit.record("detach", "recipient_group", group.name(), recipientId, null);
    return ResponseEntity.noContent().build();
  }

  private RecipientGroup validGroup(long id, GroupRequest request) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    RecipientGroup group =
        new RecipientGroup(id, request.name(), request.members(), request.onCall());
    uniqueName("recipient_groups", group.name(), id);
    for (long member : group.members()) {
      if (repository.find(member).isEmpty()) {
        throw ApiException.badRequest("members: no recipient " + member);
      }
    }
    return group;
  }

  private void uniqueName(String table, String name, long id) {
    if (repository.nameTaken(table, name, id)) {
      throw new ApiException(HttpStatus.CONFLICT, "conflict", "name " + name + " is taken");
    }
  }

  private static RecipientRequest required(RecipientRequest request) {
    if (request == null) {
      throw ApiException.badRequest("A JSON body is required");
    }
    return request;
  }
}
