package io.vigil.server.notify;

import io.vigil.server.alerting.Problem;

/**
 * A rendered message: {@code subject} is one line (e-mail subject, SMS text, in-app title), {@code
 * body} the full text.
 */
public record Message(String kind, int level, String subject, String body, Problem problem) {}
