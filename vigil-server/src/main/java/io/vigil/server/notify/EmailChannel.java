package io.vigil.server.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Date;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Jakarta Mail), with STARTTLS or TLS and authentication as configured. */
@Component
class EmailChannel implements Channel {

  private final NotifyProperties.Smtp smtp;
  private final Session session;

  EmailChannel(NotifyProperties properties) {
    this.smtp = properties.smtp();
    this.session = smtp.configured() ? SmtpSessions.open(smtp) : null;
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
}
