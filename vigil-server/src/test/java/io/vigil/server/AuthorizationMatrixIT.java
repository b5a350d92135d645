package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the running server × every kind of caller against an explicit table of who may
 * call what. The endpoints are read from the server's handler mappings, so a new endpoint that the
 * table does not cover fails the test until someone decides who may call it.
 *
 * <p>An outcome is 401, 403 or "allowed" (anything else: requests carry placeholder path variables
 * and bodies, so 400 and 404 are expected and count as having passed authorisation).
 */
class AuthorizationMatrixIT {

  static final String PASSWORD = "matrix-Quarry-7319";

  /** How much an endpoint needs. */
  enum Access {
    PUBLIC,
    AGENT,
    /** Only the other server of a pair (an HMAC-signed heartbeat); no user or agent credential. */
    PEER,
    /** Line-protocol and Glances writers with an ingest token; nothing else. */
    INGEST,
    ANY_USER,
    /** Any user with access to all hosts (contact details of every tenant's recipients). */
    UNSCOPED_USER,
    /** Admin or operator; a scoped operator only on hosts in scope (placeholders are in scope). */
    OPERATOR,
    /** Admin or operator with access to all hosts (tenant-wide changes, audit log). */
    UNSCOPED_OPERATOR,
    ADMIN
  }

  enum Caller {
    ANONYMOUS,
    VIEWER,
    OPERATOR,
    ADMIN,
    SCOPED_OPERATOR,
    AGENT,
    VIEWER_TOKEN,
    INGEST_TOKEN
  }

  enum Outcome {
    ALLOWED,
    UNAUTHENTICATED,
    FORBIDDEN;

    static Outcome of(int status) {
      return status == 401 ? UNAUTHENTICATED : status == 403 ? FORBIDDEN : ALLOWED;
    }
  }

  /**
   * {@code methods}: one HTTP method, {@code *} for any or {@code WRITE} for any but GET. {@code
   * path}: a mapping pattern, exact, or ending in {@code /**} for it and everything below.
   */
  record Rule(String methods, String path, Access access) {
    boolean covers(String method, String pattern) {
      boolean methodMatches =
          methods.equals("*")
              || methods.equals(method)
              || (methods.equals("WRITE") && !method.equals("GET"));
      if (!methodMatches) {
        return false;
      }
      if (path.endsWith("/**")) {
        String base = path.substring(0, path.length() - 3);
        return pattern.equals(base) || pattern.startsWith(base + "/");
      }
      return pattern.equals(path);
    }
  }

  /** Who may call what; the first rule that covers an endpoint decides. */
  static final List<Rule> RULES =
      List.of(
          new Rule("GET", "/api/v1/health", Access.PUBLIC),
          new Rule("POST", "/api/v1/auth/login", Access.PUBLIC),
          new Rule("POST", "/api/v1/agent/enrol", Access.PUBLIC),
          new Rule("*", "/error", Access.PUBLIC),
          new Rule("*", "/api/v1/agent/**", Access.AGENT),
          new Rule("POST", "/api/v1/cluster/heartbeat", Access.PEER),
          // InfluxDB's probe is public, as InfluxDB's own; writers need an ingest token.
          new Rule("*", "/ping", Access.PUBLIC),
          new Rule("POST", "/write", Access.INGEST),
          new Rule("POST", "/api/v2/write", Access.INGEST),
          new Rule("*", "/query", Access.INGEST),
          new Rule("POST", "/api/v1/glances", Access.INGEST),
          // Administration.
          new Rule("*", "/api/v1/ingest-tokens/**", Access.ADMIN),
          new Rule("*", "/api/v1/users/**", Access.ADMIN),
          new Rule("*", "/api/v1/enrolment-tokens/**", Access.ADMIN),
          new Rule("*", "/api/v1/secrets/**", Access.ADMIN),
          new Rule("*", "/api/v1/storage/**", Access.ADMIN),
          new Rule("PUT", "/api/v1/reports/calendar", Access.ADMIN),
          new Rule("WRITE", "/api/v1/recipients/**", Access.ADMIN),
          new Rule("WRITE", "/api/v1/recipient-groups/**", Access.ADMIN),
          new Rule("WRITE", "/api/v1/routes/**", Access.ADMIN),
          // Tenant-wide configuration and the audit log: unscoped operators.
          new Rule("GET", "/api/v1/audit", Access.UNSCOPED_OPERATOR),
          new Rule("WRITE", "/api/v1/templates/**", Access.UNSCOPED_OPERATOR),
          new Rule("WRITE", "/api/v1/host-groups/**", Access.UNSCOPED_OPERATOR),
          new Rule("WRITE", "/api/v1/alert-rules/**", Access.UNSCOPED_OPERATOR),
          new Rule("WRITE", "/api/v1/silences/**", Access.UNSCOPED_OPERATOR),
          new Rule("WRITE", "/api/v1/maintenance/**", Access.UNSCOPED_OPERATOR),
          new Rule("POST", "/api/v1/hosts", Access.UNSCOPED_OPERATOR),
          // Agent tokens: revoking and asking for a rotation are for admins, listing for operators.
          new Rule("POST", "/api/v1/hosts/{key}/agents/{agentId}/revoke", Access.ADMIN),
          new Rule("POST", "/api/v1/hosts/{key}/agents/{agentId}/rotate", Access.ADMIN),
          new Rule("GET", "/api/v1/hosts/{key}/agents", Access.OPERATOR),
          // Acting on hosts in scope.
          new Rule("WRITE", "/api/v1/hosts/**", Access.OPERATOR),
          new Rule("WRITE", "/api/v1/problems/**", Access.OPERATOR),
          new Rule("WRITE", "/api/v1/reports/schedules/**", Access.OPERATOR),
          // Reading, and what every user does for themselves.
          new Rule("GET", "/api/v1/hosts/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/templates/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/host-groups/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/alert-rules/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/silences/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/maintenance/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/problems/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/recipients/**", Access.UNSCOPED_USER),
          new Rule("GET", "/api/v1/recipient-groups/**", Access.UNSCOPED_USER),
          new Rule("GET", "/api/v1/routes/**", Access.UNSCOPED_USER),
          new Rule("GET", "/api/v1/deliveries", Access.ANY_USER),
          new Rule("GET", "/api/v1/notifications", Access.ANY_USER),
          new Rule("GET", "/api/v1/reports/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/query/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/measurements", Access.ANY_USER),
          new Rule("GET", "/api/v1/overview/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/compare", Access.ANY_USER),
          new Rule("GET", "/api/v1/web/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/catalog/**", Access.ANY_USER),
          new Rule("GET", "/api/v1/stream", Access.ANY_USER),
          new Rule("GET", "/api/v1/auth/me", Access.ANY_USER),
          new Rule("GET", "/api/v1/cluster", Access.ANY_USER),
          new Rule("POST", "/api/v1/auth/logout", Access.ANY_USER),
          new Rule("*", "/api/v1/account/**", Access.ANY_USER),
          new Rule("*", "/api/v1/tokens/**", Access.ANY_USER),
          new Rule("*", "/api/v1/dashboards/**", Access.ANY_USER));

  /** Endpoints that end the caller's session: called with a fresh session of the same user. */
  static final Set<String> SESSION_ENDING = Set.of("POST /api/v1/auth/logout");

  /** State-changing endpoints that need no CSRF token (no session, or before one exists). */
  static final List<Rule> CSRF_EXEMPT =
      List.of(
          new Rule("POST", "/api/v1/auth/login", Access.PUBLIC),
          new Rule("*", "/api/v1/agent/**", Access.AGENT),
          new Rule("POST", "/api/v1/cluster/heartbeat", Access.PEER),
          new Rule("*", "/ping", Access.PUBLIC),
          new Rule("POST", "/write", Access.INGEST),
          new Rule("POST", "/api/v2/write", Access.INGEST),
          new Rule("*", "/query", Access.INGEST),
          new Rule("POST", "/api/v1/glances", Access.INGEST),
          new Rule("*", "/error", Access.PUBLIC));

  record Endpoint(String method, String pattern) {
    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent inScope;
  static ProtocolAgent outOfScope;
  static long groupInScope;
  static final Map<Caller, Supplier<ApiClient>> LOGINS = new java.util.EnumMap<>(Caller.class);
  static final Map<Caller, ApiClient> CLIENTS = new java.util.EnumMap<>(Caller.class);

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.alerting.default-rules", false)
            .start();
    ApiClient admin = ApiClient.loggedInAdmin(server);
    inScope = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "matrix-in");
    outOfScope = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "matrix-out");
    ApiClient.Response group = admin.post("/api/v1/host-groups", "{\"name\":\"Matrix\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    groupInScope = group.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + groupInScope + "/hosts/" + inScope.hostKey()))
        .extracting(ApiClient.Response::status)
        .isEqualTo(204);
    createUser(admin, "m-viewer", "VIEWER", ",\"allHosts\":true");
    createUser(admin, "m-operator", "OPERATOR", ",\"allHosts\":true");
    createUser(admin, "m-scoped", "OPERATOR", ",\"groupIds\":[" + groupInScope + "]");
    createUser(admin, "m-script", "VIEWER", ",\"allHosts\":true");

    LOGINS.put(Caller.ANONYMOUS, AuthorizationMatrixIT::anonymous);
    LOGINS.put(Caller.VIEWER, () -> loggedIn("m-viewer", PASSWORD));
    LOGINS.put(Caller.OPERATOR, () -> loggedIn("m-operator", PASSWORD));
    LOGINS.put(Caller.ADMIN, () -> ApiClient.loggedInAdmin(server));
    LOGINS.put(Caller.SCOPED_OPERATOR, () -> loggedIn("m-scoped", PASSWORD));
    LOGINS.put(Caller.AGENT, () -> new ApiClient(server.baseUri()).withBearer(inScope.token()));
    ApiClient.Response token =
        loggedIn("m-script", PASSWORD).post("/api/v1/tokens", "{\"name\":\"s\"}");
    assertThat(token.status()).as(token.body()).isEqualTo(201);
    String userToken = token.json().get("token").asText();
    LOGINS.put(Caller.VIEWER_TOKEN, () -> new ApiClient(server.baseUri()).withBearer(userToken));
    ApiClient.Response ingest = admin.post("/api/v1/ingest-tokens", "{\"name\":\"matrix\"}");
    assertThat(ingest.status()).as(ingest.body()).isEqualTo(201);
    String ingestToken = ingest.json().get("token").asText();
    LOGINS.put(Caller.INGEST_TOKEN, () -> new ApiClient(server.baseUri()).withBearer(ingestToken));
    LOGINS.forEach((caller, login) -> CLIENTS.put(caller, login.get()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void createUser(ApiClient admin, String username, String role, String extra) {
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\""
                + username
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\""
                + role
                + "\""
                + extra
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  static ApiClient loggedIn(String username, String password) {
    ApiClient client = new ApiClient(server.baseUri());
    ApiClient.Response login = client.login(username, password);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return client;
  }

  /** An anonymous browser that loaded the UI, so it holds an XSRF-TOKEN cookie like a real one. */
  static ApiClient anonymous() {
    ApiClient client = new ApiClient(server.baseUri());
    assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
    assertThat(client.hasCookie("XSRF-TOKEN")).isTrue();
    return client;
  }

  /** Every (method, path pattern) the server maps; GET for mappings without a method condition. */
  static List<Endpoint> endpoints() {
    Set<Endpoint> endpoints =
        new TreeSet<>(
            Comparator.comparing((Endpoint e) -> SESSION_ENDING.contains(e.toString()))
                .thenComparing(Endpoint::pattern)
                .thenComparing(Endpoint::method));
    for (RequestMappingInfo info :
        server.bean(RequestMappingHandlerMapping.class).getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (methods.isEmpty()) {
          endpoints.add(new Endpoint("GET", pattern));
        }
        methods.forEach(method -> endpoints.add(new Endpoint(method.name(), pattern)));
      }
    }
    return List.copyOf(endpoints);
  }

  static Access access(Endpoint endpoint) {
    return RULES.stream()
        .filter(rule -> rule.covers(endpoint.method(), endpoint.pattern()))
        .map(Rule::access)
        .findFirst()
        .orElse(null);
  }

  static Outcome expected(Access access, Caller caller) {
    if (access == Access.PUBLIC) {
      return Outcome.ALLOWED;
    }
    if (caller == Caller.ANONYMOUS || access == Access.PEER) {
      return Outcome.UNAUTHENTICATED;
    }
    if (access == Access.AGENT || caller == Caller.AGENT) {
      return access == Access.AGENT && caller == Caller.AGENT ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }
    if (access == Access.INGEST || caller == Caller.INGEST_TOKEN) {
      return access == Access.INGEST && caller == Caller.INGEST_TOKEN
          ? Outcome.ALLOWED
          : Outcome.FORBIDDEN;
    }
    boolean allowed =
        switch (access) {
          case ANY_USER -> true;
          case UNSCOPED_USER -> caller != Caller.SCOPED_OPERATOR;
          case OPERATOR ->
              caller == Caller.ADMIN
                  || caller == Caller.OPERATOR
                  || caller == Caller.SCOPED_OPERATOR;
          case UNSCOPED_OPERATOR -> caller == Caller.ADMIN || caller == Caller.OPERATOR;
          case ADMIN -> caller == Caller.ADMIN;
          default -> throw new IllegalStateException(access.name());
        };
    return allowed ? Outcome.ALLOWED : Outcome.FORBIDDEN;
  }

  /**
   * A concrete path for a pattern: the host variable is {@code host}, a host group read is the
   * scoped operator's group, everything else a number that names nothing (so changes find nothing
   * to change and answer 404 or 400).
   */
  static String concrete(Endpoint endpoint, String host) {
    String path =
        endpoint.pattern().replaceFirst("^/api/v1/hosts/\\{[^/]+}", "/api/v1/hosts/" + host);
    if (endpoint.method().equals("GET")) {
      path =
          path.replaceFirst(
              "^/api/v1/host-groups/\\{[^/]+}", "/api/v1/host-groups/" + groupInScope);
    }
    return path.replaceAll("\\{[^/]+}", "999999");
  }

  @Test
  void everyMappingIsCoveredByTheTable() {
    List<Endpoint> endpoints = endpoints();
    assertThat(endpoints).hasSizeGreaterThan(100);
    List<Endpoint> uncovered = endpoints.stream().filter(e -> access(e) == null).toList();
    assertThat(uncovered)
        .as("endpoints the authorisation table does not cover: add a rule for each")
        .isEmpty();
  }

  @Test
  void everyEndpointAnswersEveryCallerAsTheTableSays() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Endpoint endpoint : endpoints()) {
      Access access = access(endpoint);
      if (access == null) {
        continue;
      }
      String path = concrete(endpoint, inScope.hostKey());
      for (Caller caller : Caller.values()) {
        ApiClient client =
            SESSION_ENDING.contains(endpoint.toString())
                ? LOGINS.get(caller).get()
                : CLIENTS.get(caller);
        Call call = call(client, endpoint.method(), path, true);
        Outcome want = expected(access, caller);
        if (Outcome.of(call.status()) != want) {
          wrong.add(endpoint + " (" + path + ") as " + caller + ": want " + want + ", got " + call);
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(700);
    assertThat(wrong).as("endpoint × caller answers that differ from the table").isEmpty();
  }

  @Test
  void aScopedOperatorIsRefusedEverythingUnderAHostOutsideTheScope() {
    List<String> wrong = new ArrayList<>();
    List<Endpoint> hostEndpoints =
        endpoints().stream().filter(e -> e.pattern().startsWith("/api/v1/hosts/{")).toList();
    assertThat(hostEndpoints).hasSizeGreaterThan(8);
    for (Endpoint endpoint : hostEndpoints) {
      String path = concrete(endpoint, outOfScope.hostKey());
      Call call = call(CLIENTS.get(Caller.SCOPED_OPERATOR), endpoint.method(), path, true);
      if (call.status() != 403) {
        wrong.add(endpoint + " (" + path + "): want 403, got " + call);
      }
      Call unscoped = call(CLIENTS.get(Caller.OPERATOR), endpoint.method(), path, true);
      Outcome want = expected(access(endpoint), Caller.OPERATOR); // allowed but for admin-only
      if (Outcome.of(unscoped.status()) != want) {
        wrong.add(
            endpoint + " (" + path + ") as unscoped operator: want " + want + ", got " + unscoped);
      }
    }
    // Other host groups and the live stream of another host are refused too.
    ApiClient scoped = CLIENTS.get(Caller.SCOPED_OPERATOR);
    var groups = CLIENTS.get(Caller.ADMIN).get("/api/v1/host-groups").json();
    assertThat(groups.size()).as("the shipped group and the scoped operator's").isGreaterThan(1);
    for (var group : groups) {
      long id = group.get("id").asLong();
      int status = scoped.get("/api/v1/host-groups/" + id).status();
      assertThat(status).as("host group %s", group).isEqualTo(id == groupInScope ? 200 : 403);
    }
    String stream = "/api/v1/stream?host=" + outOfScope.hostKey();
    assertThat(call(scoped, "GET", stream, true).status()).isEqualTo(403);
    assertThat(call(CLIENTS.get(Caller.OPERATOR), "GET", stream, true).status()).isEqualTo(200);
    assertThat(wrong).isEmpty();
  }

  @Test
  void everySessionChangeWithoutTheCsrfHeaderIsForbidden() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Endpoint endpoint : endpoints()) {
      boolean exempt =
          CSRF_EXEMPT.stream().anyMatch(r -> r.covers(endpoint.method(), endpoint.pattern()));
      if (endpoint.method().equals("GET") || exempt) {
        continue;
      }
      String path = concrete(endpoint, inScope.hostKey());
      Call call = call(CLIENTS.get(Caller.ADMIN), endpoint.method(), path, false);
      if (call.status() != 403 || !call.body().contains("\"forbidden\"")) {
        wrong.add(endpoint + " (" + path + "): want 403 forbidden, got " + call);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(wrong).isEmpty();
    // The same session with the header passes the CSRF check.
    assertThat(CLIENTS.get(Caller.ADMIN).put("/api/v1/account/preferences", "{}").status())
        .isEqualTo(200);
  }

  record Call(int status, String body) {
    @Override
    public String toString() {
      return status + " " + body.substring(0, Math.min(body.length(), 160));
    }
  }

  /**
   * Sends a request with an empty JSON object as the body of changes; the live stream is closed as
   * soon as its status arrives.
   */
  static Call call(ApiClient client, String method, String path, boolean csrfHeader) {
    HttpRequest.Builder builder =
        csrfHeader
            ? client.request(path)
            : HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(30));
    builder.method(
        method,
        method.equals("GET")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"));
    if (!method.equals("GET")) {
      builder.header("Content-Type", "application/json");
    }
    HttpClient http = client.client();
    try {
      HttpResponse<InputStream> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        boolean stream =
            response
                .headers()
                .firstValue("Content-Type")
                .orElse("")
                .startsWith("text/event-stream");
        String text =
            stream ? "(event stream)" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        return new Call(response.statusCode(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
