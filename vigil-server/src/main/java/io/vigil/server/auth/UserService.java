package io.vigil.server.auth;

import io.vigil.server.auth.UserRepository.UserFields;
import io.vigil.server.auth.UserRepository.UserRow;
import io.vigil.server.web.ApiException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes users, validating every field and recording each change in the audit
 * log (never the password or its hash). There is always at least one enabled admin.
 */
@Service
class UserService {

  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  static final Set<String> LANGUAGES = Set.of("en", "ko");

  /** A create or update request; {@code password} is optional on update (a reset). */
  record UserRequest(
      String username,
      String password,
      String role,
      Boolean enabled,
      Boolean allHosts,
      List<Long> groupIds,
      String language,
      String timeZone) {}

  private final UserRepository users;
  private final PasswordPolicy policy;
  private final PasswordEncoder encoder;
  private final AuditLog audit;

  UserService(
      UserRepository users, PasswordPolicy policy, PasswordEncoder encoder, AuditLog audit) {
    this.users = users;
    this.policy = policy;
    this.encoder = encoder;
    this.audit = audit;
  }

  List<UserRow> list() {
    return users.list();
  }

  UserRow get(long id) {
    return users.row(id).orElseThrow(() -> ApiException.notFound("no user " + id));
  }

  @Transactional
  UserRow create(UserRequest request) {
    if (request == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    UserFields fields = fields(request, null);
    if (users.findByUsername(fields.username()).isPresent()) {
      throw conflict("user " + fields.username() + " exists already");
    }
    policy.check(fields.username(), request.password());
    List<Long> groups = groups(request.groupIds(), fields);
    long id = users.insert(fields, encoder.encode(request.password()));
    users.setGroups(id, groups);
    UserRow created = get(id);
    audit.record("create", "user", created.username(), null, created);
    return created;
  }

  @Transactional
  UserRow update(long id, UserRequest request, long callerId) {
    if (request == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    UserRow before = get(id);
    UserFields fields = fields(request, before);
    if (!fields.username().equals(before.username())
        && users.findByUsername(fields.username()).isPresent()) {
      throw conflict("user " + fields.username() + " exists already");
    }
    boolean losesAdmin =
        before.role() == Role.ADMIN
            && before.enabled()
            && (fields.role() != Role.ADMIN || !fields.enabled());
    if (losesAdmin && users.enabledAdmins() <= 1) {
      throw conflict("the last enabled admin cannot be demoted or disabled");
    }
    if (id == callerId && !fields.enabled()) {
      throw conflict("you cannot disable yourself");
    }
    List<Long> groups =
        groups(request.groupIds() == null ? before.groupIds() : request.groupIds(), fields);
    boolean passwordReset = request.password() != null && !request.password().isEmpty();
    if (passwordReset) {
      policy.check(fields.username(), request.password());
      users.setPassword(id, encoder.encode(request.password()));
    }
    users.update(id, fields);
    users.setGroups(id, groups);
    UserRow after = get(id);
    audit.record(
        "update",
        "user",
        after.username(),
        before,
        passwordReset ? Map.of("user", after, "password", "reset") : after);
    return after;
  }

  @Transactional
  void delete(long id, long callerId) {
    UserRow before = get(id);
    if (id == callerId) {
      throw conflict("you cannot delete yourself");
    }
    if (before.role() == Role.ADMIN && before.enabled() && users.enabledAdmins() <= 1) {
      throw conflict("the last enabled admin cannot be deleted");
    }
    users.delete(id);
    audit.record("delete", "user", before.username(), before, null);
  }

  @Transactional
  UserRow unlock(long id) {
    UserRow before = get(id);
    users.unlock(id);
    UserRow after = get(id);
    audit.record(
        "update", "user", after.username(), before, Map.of("user", after, "unlocked", true));
    return after;
  }

  private UserFields fields(UserRequest request, UserRow before) {
    String username =
        request.username() == null && before != null ? before.username() : request.username();
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw ApiException.badRequest(
          "username must be 1 to 64 letters, digits or . _ @ - and start with a letter or digit");
    }
    Role role =
        role(request.role() == null && before != null ? before.role().name() : request.role());
    boolean enabled =
        request.enabled() != null ? request.enabled() : before == null || before.enabled();
    boolean allHosts =
        role == Role.ADMIN
            || (request.allHosts() != null
                ? request.allHosts()
                : before != null && before.allHosts());
    String language =
        language(
            request.language() != null
                ? request.language()
                : before == null ? "en" : before.language());
    String zone =
        zone(
            request.timeZone() != null
                ? request.timeZone()
                : before == null ? "UTC" : before.timeZone());
    return new UserFields(username, role, enabled, allHosts, language, zone);
  }

  private static Role role(String text) {
    if (text == null) {
      throw ApiException.badRequest("role is required: ADMIN, OPERATOR or VIEWER");
    }
    try {
      return Role.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("role must be ADMIN, OPERATOR or VIEWER");
    }
  }

  static String language(String text) {
    if (text == null || !LANGUAGES.contains(text)) {
      throw ApiException.badRequest("language must be en or ko");
    }
    return text;
  }

  static String zone(String text) {
    if (text == null || text.isBlank() || text.length() > 64) {
      throw ApiException.badRequest("timeZone must be an IANA time zone such as Asia/Seoul");
    }
    try {
      return ZoneId.of(text).getId();
    } catch (DateTimeException e) {
      throw ApiException.badRequest("timeZone " + text + " is not a known IANA time zone");
    }
  }

  private List<Long> groups(List<Long> requested, UserFields fields) {
    if (requested == null || fields.role() == Role.ADMIN) {
      return List.of();
    }
    Set<Long> wanted = new LinkedHashSet<>();
    for (Long id : requested) {
      if (id == null) {
        throw ApiException.badRequest("groupIds must not contain null");
      }
      wanted.add(id);
    }
    if (wanted.size() > 1000) {
      throw ApiException.badRequest("at most 1000 groupIds");
    }
    List<Long> missing = new ArrayList<>(wanted);
    missing.removeAll(users.existingGroups(wanted));
    if (!missing.isEmpty()) {
      throw ApiException.badRequest("no host group with id " + missing.getFirst());
    }
    return List.copyOf(wanted);
  }

  static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", message);
  }
}
