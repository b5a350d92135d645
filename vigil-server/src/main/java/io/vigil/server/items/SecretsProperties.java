package io.vigil.server.items;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key that encrypts secret item parameters lives ({@code vigil.secrets.*}).
 *
 * @param keyFile the 32-byte AES key file; null for {@code <data-dir>/secrets.key}, generated on
 *     the first start
 */
@ConfigurationProperties(prefix = "vigil.secrets", ignoreUnknownFields = false)
public record SecretsProperties(Path keyFile) {}
