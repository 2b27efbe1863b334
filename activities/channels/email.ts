import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { PermanentChannelError, TransientChannelError, type Channel, type OutboundMessage } from './types.js';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  timeoutMs: number;
}

/**
 * Email over SMTP with nodemailer. SMTP's own classes decide retries: 4xx replies are transient,
 * 5xx permanent; connection failures are transient. The Message-ID carries our message id, so a
 * relay or mailbox that sees a resend can tell it is the same message.
 */
export function emailChannel(settings: SmtpSettings): Channel {
  const options: SMTPTransport.Options = {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
  };
  const transport = nodemailer.createTransport(options);
  return {
    async send(message: OutboundMessage) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.content,
          messageId: `<${message.id}@atlas-crm>`,
        });
        return { providerId: info.messageId };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code && code >= 500)
          throw new PermanentChannelError(`SMTP ${code}: ${(err as Error).message}`, String(code));
        throw new TransientChannelError(`SMTP: ${(err as Error).message}`);
      }
    },
  };
}
