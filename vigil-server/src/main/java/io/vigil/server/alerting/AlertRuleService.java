package io.vigil.server.alerting;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.items.ConfigText;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Creating, changing and deleting alert rules: each change in one transaction with its audit
 * record; the evaluator picks the new rule set up once the change committed.
 */
@Service
class AlertRuleService {

  private final RuleRepository rules;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final AlertEvaluator evaluator;

  AlertRuleService(
      RuleRepository rules,
      AuditLog audit,
      TransactionTemplate transactions,
      AlertEvaluator evaluator) {
    this.rules = rules;
    this.audit = audit;
    this.transactions = transactions;
    this.evaluator = evaluator;
  }

  List<RuleJson.RuleView> list() {
    return rules.findAll().stream().map(RuleJson::view).toList();
  }

  RuleJson.RuleView get(long id) {
    return RuleJson.view(find(id));
  }

  RuleJson.RuleView create(JsonNode body) {
    AlertRule rule = RuleJson.parse(body);
    return changed(
        () -> {
          if (rules.nameExists(rule.name())) {
            throw nameTaken(rule.name());
          }
          AlertRule stored = rule.withId(rules.insert(rule));
          audit.record("create", "alert_rule", stored.name(), null, RuleJson.view(stored));
          return RuleJson.view(stored);
        });
  }

  RuleJson.RuleView update(long id, JsonNode body) {
    AlertRule rule = RuleJson.parse(body).withId(id);
    return changed(
        () -> {
          AlertRule old = find(id);
          if (!old.name().equals(rule.name()) && rules.nameExists(rule.name())) {
            throw nameTaken(rule.name());
          }
          rules.update(rule);
          audit.record(
              "update", "alert_rule", rule.name(), RuleJson.view(old), RuleJson.view(rule));
          return RuleJson.view(rule);
        });
  }

  void delete(long id) {
    changed(
        () -> {
          AlertRule old = find(id);
          rules.delete(id);
          audit.record("delete", "alert_rule", old.name(), RuleJson.view(old), null);
          return null;
        });
  }

  private <T> T changed(Supplier<T> work) {
    T result;
    try {
      result = transactions.execute(status -> work.get());
    } catch (DuplicateKeyException e) {
      throw ConfigText.conflict("the name exists already, or a concurrent change conflicted");
    }
    evaluator.rulesChanged();
    return result;
  }

  private AlertRule find(long id) {
    return rules.find(id).orElseThrow(() -> ApiException.notFound("no alert rule with id " + id));
  }

  private static ApiException nameTaken(String name) {
    return ConfigText.conflict("an alert rule named " + name + " exists already");
  }
}
