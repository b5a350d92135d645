package io.vigil.server.alerting;

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
import tools.jackson.databind.JsonNode;

/** Alert rules: viewers read, admins and operators change (see SecurityConfig). */
@RestController
class RuleController {

  private final AlertRuleService rules;

  RuleController(AlertRuleService rules) {
    this.rules = rules;
  }

  @GetMapping("/api/v1/alert-rules")
  List<RuleJson.RuleView> list() {
    return rules.list();
  }

  @GetMapping("/api/v1/alert-rules/{id}")
  RuleJson.RuleView get(@PathVariable long id) {
    return rules.get(id);
  }

  @PostMapping("/api/v1/alert-rules")
  @ResponseStatus(HttpStatus.CREATED)
  RuleJson.RuleView create(@RequestBody(required = false) JsonNode body) {
    return rules.create(body);
  }

  @PutMapping("/api/v1/alert-rules/{id}")
  RuleJson.RuleView update(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return rules.update(id, body);
  }

  @DeleteMapping("/api/v1/alert-rules/{id}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    rules.delete(id);
    return ResponseEntity.noContent().build();
  }
}
