package io.vigil.server.items;

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

/** Templates, their items, and attaching them to host groups and hosts. */
@RestController
class TemplateController {

  /** Body of creating or renaming a template. */
  record TemplateRequest(String name, String description) {}

  private final TemplateService templates;

  TemplateController(TemplateService templates) {
    this.templates = templates;
  }

  @GetMapping("/api/v1/templates")
  List<TemplateService.TemplateSummary> list() {
    return templates.list();
  }

  @GetMapping("/api/v1/templates/{id}")
  TemplateService.TemplateDetail get(@PathVariable long id) {
    return templates.detail(id);
  }

  @PostMapping("/api/v1/templates")
  @ResponseStatus(HttpStatus.CREATED)
  TemplateService.TemplateDetail create(@RequestBody(required = false) TemplateRequest request) {
    TemplateRequest body = request == null ? new TemplateRequest(null, null) : request;
    return templates.create(body.name(), body.description());
  }

  @PutMapping("/api/v1/templates/{id}")
  TemplateService.TemplateDetail update(
      @PathVariable long id, @RequestBody(required = false) TemplateRequest request) {
    TemplateRequest body = request == null ? new TemplateRequest(null, null) : request;
    return templates.update(id, body.name(), body.description());
  }

  @DeleteMapping("/api/v1/templates/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    templates.delete(id);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/v1/templates/{id}/items/{key}")
  ItemView putItem(
      @PathVariable long id,
      @PathVariable String key,
      @RequestBody(required = false) ItemRequest request) {
    return templates.putItem(id, key, request);
  }

  @DeleteMapping("/api/v1/templates/{id}/items/{key}")
  ResponseEntity<Void> deleteItem(@PathVariable long id, @PathVariable String key) {
    templates.deleteItem(id, key);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/v1/host-groups/{groupId}/templates/{templateId}")
  ResponseEntity<Void> attachToGroup(@PathVariable long groupId, @PathVariable long templateId) {
    templates.attachGroup(templateId, groupId, true);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/v1/host-groups/{groupId}/templates/{templateId}")
  ResponseEntity<Void> detachFromGroup(@PathVariable long groupId, @PathVariable long templateId) {
    templates.attachGroup(templateId, groupId, false);
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/api/v1/hosts/{hostKey}/templates/{templateId}")
  ResponseEntity<Void> attachToHost(@PathVariable String hostKey, @PathVariable long templateId) {
    templates.attachHost(templateId, hostKey, true);
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/v1/hosts/{hostKey}/templates/{templateId}")
  ResponseEntity<Void> detachFromHost(@PathVariable String hostKey, @PathVariable long templateId) {
    templates.attachHost(templateId, hostKey, false);
    return ResponseEntity.noContent().build();
  }
}
