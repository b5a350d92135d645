package io.vigil.server.alerting;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.store.SeedLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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
    List<AlertRule> all = new ArrayList<>();
    try {
      List<Resource> files =
          new ArrayList<>(
              List.of(new PathMatchingResourcePatternResolver().getResources(LOCATION)));
      files.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
          if (!(yaml instanceof Map<?, ?> map)
              || map.size() != 1
              || !(map.get("rules") instanceof List<?> entries)) {
            throw new IllegalArgumentException("expected a mapping with one key, rules: a list");
          }
          for (Object entry : entries) {
            all.add(RuleJson.parse(RuleJson.JSON.valueToTree(entry)));
          }
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "shipped rules " + file.getFilename() + " are invalid: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped alert rules", e);
    }
    return all;
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
