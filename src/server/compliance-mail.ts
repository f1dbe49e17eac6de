import { randomUUID } from 'node:crypto';
import { setScaCodeSender, setVerificationSender } from '../domain/compliance/index.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';
import { sendMail } from '../platform/mail/smtp-outbound.js';

/**
 * Identity-verification codes (GDPR requests) and SCA step-up codes go out by e-mail through
 * SMTP_OUTBOUND_URL. Without it they are not sent (logged), so a requester cannot verify: configure it.
 */
export function wireComplianceMail(config: Config, log: Logger): void {
  const url = config.SMTP_OUTBOUND_URL;
  const from = { name: 'Switchboard', address: 'no-reply@switchboard.local' };
  if (!url) {
    log.warn('SMTP_OUTBOUND_URL is not set: GDPR verification and SCA codes cannot be e-mailed');
    return;
  }
  setVerificationSender(async (m) => {
    await sendMail(url, { from, to: [m.to], subject: 'Confirm your data request', messageId: `<dsr-${randomUUID()}@switchboard.local>`,
      text: `Your confirmation code is ${m.code}. It is valid for 30 minutes. If you did not make a data request, ignore this e-mail.` });
  });
  setScaCodeSender(async (m) => {
    const amount = m.binding.amount_minor ? `${(Number(m.binding.amount_minor) / 100).toFixed(2)} ${m.binding.currency}` : '';
    await sendMail(url, { from, to: [m.to], subject: 'Your confirmation code', messageId: `<sca-${randomUUID()}@switchboard.local>`,
      text: `Your code is ${m.code}. It confirms ${amount ? `${amount} to ` : 'the change to '}${m.binding.payee} and expires after 5 minutes without use. Never share it.` });
  });
}
