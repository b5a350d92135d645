package io.vigil.server.alerting;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.store.SeedLedger;
import io.vigil.server.store.ShippedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the rules shipped under {@code catalog/rules/} once, before the server takes requests.
 * Each is remembered in {@code seeded_rules}, so a shipped rule the operator edited or deleted is
 * never re-created or overwritten; one whose name an operator's rule already uses is skipped.
 */
@Component
class DefaultRules implements SmartInitializingSingleton {

  static final String LOCATION = "classpath*:catalog/rules/*.yml";
  private static final Logger log = LoggerFactory.getLogger(DefaultRules.class);

  private final RuleRepository rules;
  private final SeedLedger ledger;
  private final AuditLog audit;
  private final TransactionTemplate transactions;
  private final AlertEvaluator evaluator;
  private final boolean enabled;

  DefaultRules(
      RuleRepository rules,
      SeedLedger ledger,
      AuditLog audit,
      TransactionTemplate transactions,
      AlertEvaluator evaluator,
      AlertingProperties properties) {
    this.rules = rules;
    this.ledger = ledger;
    this.audit = audit;
    this.transactions = transactions;
    this.evaluator = evaluator;
    this.enabled = properties.defaultRules();
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!enabled) {
      log.info("Not creating the shipped alert rules: vigil.alerting.default-rules is false");
      return;
    }
    for (AlertRule rule : load()) {
      try {
        transactions.executeWithoutResult(status -> seed(rule));
      } catch (DuplicateKeyException e) {
        log.debug("Alert rule {} was seeded concurrently", rule.name());
      }
    }
    evaluator.rulesChanged();
  }

  /** The shipped rules, by file name then order in the file. */
  static List<AlertRule> load() {
    return ShippedFiles.load(
        LOCATION,
        "shipped rule file",
        yaml -> {
          if (!(yaml instanceof Map<?, ?> map)
              || map.size() != 1
              || !(map.get("rules") instanceof List<?> entries)) {
            throw new IllegalArgumentException("expected a mapping with one key, rules: a list");
          }
          List<AlertRule> rules = new ArrayList<>();
          for (Object entry : entries) {
            rules.add(RuleJson.parse(RuleJson.JSON.valueToTree(entry)));
          }
          return rules;
        });
  }

  private void seed(AlertRule rule) {
    if (!ledger.markSeeded(SeedLedger.Kind.RULE, rule.name())) {
      return;
    }
    if (rules.nameExists(rule.name())) {
      log.info("Not creating the shipped alert rule {}: a rule has its name", rule.name());
      return;
    }
    AlertRule stored = rule.withId(rules.insert(rule));
    audit.record("create", "alert_rule", stored.name(), null, RuleJson.view(stored));
    log.info("Created the shipped alert rule {}", rule.name());
  }
}
