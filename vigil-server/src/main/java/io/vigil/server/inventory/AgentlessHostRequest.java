package io.vigil.server.inventory;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.util.regex.Pattern;

/**
 * A validated request for an agentless host. Keys look like the keys enrolment makes from host
 * names (lower case letters, digits, dots, hyphens, underscores), since they become the {@code
 * host} tag and part of URLs.
 *
 * @param key the host key
 * @param hostname shown in the UI; the key when not given
 * @param address the name or IP address its checks connect to by default, or null
 */
record AgentlessHostRequest(String key, String hostname, String address) {

  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,252}");
  static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]{1,253}");

  static AgentlessHostRequest validate(HostController.CreateAgentless request) {
    if (request == null) {
      throw new InvalidInputException("a body with key, hostname and address is needed");
    }
    String key = request.key();
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidInputException(
          "key must be 1 to 253 lower-case letters, digits, '.', '-' or '_', starting with a letter"
              + " or digit");
    }
    String hostname = request.hostname() == null ? key : request.hostname().strip();
    Names.requireText("hostname", hostname, 253);
    Names.requireTagValue("hostname", hostname);
    String address = request.address();
    if (address != null) {
      address = address.strip();
      if (address.isEmpty()) {
        address = null;
      } else if (!ADDRESS.matcher(address).matches()) {
        throw new InvalidInputException(
            "address must be a host name or an IP address (at most 253 characters)");
      }
    }
    return new AgentlessHostRequest(key, hostname, address);
  }
}
