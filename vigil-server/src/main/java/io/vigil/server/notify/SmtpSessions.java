package io.vigil.server.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Properties;

/**
 * A Jakarta Mail session for the configured SMTP server ({@code vigil.notify.smtp.*}): STARTTLS or
 * TLS, server identity checked, authentication when a username is set, every wait bounded. Shared
 * by problem e-mails and report e-mails so both reach the server the same way.
 */
public final class SmtpSessions {

  private SmtpSessions() {}

  public static Session open(NotifyProperties.Smtp smtp) {
    return Session.getInstance(mailProperties(smtp), auth(smtp));
  }

  private static Properties mailProperties(NotifyProperties.Smtp smtp) {
    String protocol = smtp.ssl() ? "smtps" : "smtp";
    Properties p = new Properties();
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", smtp.host());
    p.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
    p.put("mail." + protocol + ".auth", Boolean.toString(smtp.username() != null));
    p.put("mail." + protocol + ".starttls.enable", Boolean.toString(smtp.starttls()));
    p.put("mail." + protocol + ".starttls.required", Boolean.toString(smtp.starttls()));
    p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    String timeout = Long.toString(smtp.timeout().toMillis());
    p.put("mail." + protocol + ".connectiontimeout", timeout);
    p.put("mail." + protocol + ".timeout", timeout);
    p.put("mail." + protocol + ".writetimeout", timeout);
    return p;
  }

  private static Authenticator auth(NotifyProperties.Smtp smtp) {
    if (smtp.username() == null) {
      return null;
    }
    return new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return new PasswordAuthentication(
            smtp.username(), smtp.password() == null ? "" : smtp.password());
      }
    };
  }
}
