package io.vigil.server.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Jakarta Mail), with STARTTLS or TLS and authentication as configured. */
@Component
class EmailChannel implements Channel {

  private final NotifyProperties.Smtp smtp;
  private final Session session;

  EmailChannel(NotifyProperties properties) {
    this.smtp = properties.smtp();
    this.session = smtp.configured() ? Session.getInstance(mailProperties(smtp), auth(smtp)) : null;
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public String notConfigured() {
    return smtp.configured() ? null : "vigil.notify.smtp.host is not set";
  }

  @Override
  public void send(Recipient recipient, Message message, long deliveryId) throws Exception {
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(new InternetAddress(smtp.from()));
    mail.setRecipient(RecipientType.TO, new InternetAddress(recipient.email()));
    mail.setSubject(message.subject(), "UTF-8");
    mail.setText(message.body(), "UTF-8");
    mail.setSentDate(Date.from(Instant.now()));
    mail.setHeader("X-Vigil-Delivery", Long.toString(deliveryId));
    Transport.send(mail);
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
