package io.vigil.server.reports;

import io.vigil.server.notify.NotifyProperties;
import io.vigil.server.notify.SmtpSessions;
import io.vigil.server.web.ApiException;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/** Sends report e-mails through the notification SMTP settings ({@code vigil.notify.smtp.*}). */
@Component
class ReportMailer {

  /** One attachment. */
  record Attachment(String filename, String contentType, byte[] content) {}

  private final NotifyProperties.Smtp smtp;

  ReportMailer(NotifyProperties properties) {
    this.smtp = properties.smtp();
  }

  void send(List<String> to, String subject, String body, List<Attachment> attachments)
      throws MessagingException {
    if (smtp.host() == null || smtp.host().isBlank()) {
      throw ApiException.badRequest("e-mail is not configured: vigil.notify.smtp.host is not set");
    }
    Session session = SmtpSessions.open(smtp);
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(new InternetAddress(smtp.from()));
    InternetAddress[] recipients = new InternetAddress[to.size()];
    for (int i = 0; i < to.size(); i++) {
      recipients[i] = new InternetAddress(to.get(i));
    }
    mail.setRecipients(jakarta.mail.Message.RecipientType.TO, recipients);
    mail.setSubject(subject, "UTF-8");
    mail.setSentDate(Date.from(Instant.now()));
    MimeMultipart multipart = new MimeMultipart();
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body, "UTF-8");
    multipart.addBodyPart(text);
    for (Attachment a : attachments) {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
      part.setFileName(a.filename());
      multipart.addBodyPart(part);
    }
    mail.setContent(multipart);
    Transport.send(mail);
  }
}
