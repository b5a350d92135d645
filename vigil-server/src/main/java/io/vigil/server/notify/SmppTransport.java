package io.vigil.server.notify;

import java.nio.charset.StandardCharsets;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * SMPP 3.4 transmitter: one session per message (bind, submit_sm, unbind), which keeps failure
 * handling trivial at alerting volumes. Text is sent as UCS-2 so Korean and other scripts survive;
 * over 140 bytes it goes in the {@code message_payload} parameter.
 */
final class SmppTransport implements SmsChannel.Transport {

  private static final int SHORT_MESSAGE_MAX = 140;

  private final NotifyProperties.Smpp smpp;

  SmppTransport(NotifyProperties.Smpp smpp) {
    this.smpp = smpp;
  }

  @Override
  public String notConfigured() {
    return smpp.configured() ? null : "vigil.notify.smpp.host is not set";
  }

  @Override
  public void send(String phone, String text) throws Exception {
    SMPPSession session = new SMPPSession();
    session.setTransactionTimer(smpp.timeout().toMillis());
    try {
      session.connectAndBind(
          smpp.host(),
          smpp.port(),
          new BindParameter(
              BindType.BIND_TX,
              smpp.systemId(),
              smpp.password(),
              "vigil",
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null),
          smpp.timeout().toMillis());
      byte[] bytes = text.getBytes(StandardCharsets.UTF_16BE);
      boolean payload = bytes.length > SHORT_MESSAGE_MAX;
      OptionalParameter[] optional =
          payload
              ? new OptionalParameter[] {
                new OptionalParameter.OctetString(
                    OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes)
              }
              : new OptionalParameter[0];
      session.submitShortMessage(
          "",
          TypeOfNumber.ALPHANUMERIC,
          NumberingPlanIndicator.UNKNOWN,
          smpp.sourceAddress(),
          phone.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN,
          NumberingPlanIndicator.ISDN,
          phone.startsWith("+") ? phone.substring(1) : phone,
          new ESMClass(),
          (byte) 0,
          (byte) 1,
          null,
          null,
          new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT),
          (byte) 0,
          new GeneralDataCoding(Alphabet.ALPHA_UCS2, MessageClass.CLASS1, false),
          (byte) 0,
          payload ? new byte[0] : bytes,
          optional);
      session.unbindAndClose();
    } finally {
      session.close();
    }
  }
}
