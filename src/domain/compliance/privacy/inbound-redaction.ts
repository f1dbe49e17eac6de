import { redactText, type Finding } from '../../../platform/redaction/index.js';
import { recordChange } from '../../kernel/index.js';
import type { InboundTextFilter } from '../../tickets/index.js';
import { getBrandRedactionSettings } from './redaction-settings.js';

/**
 * Registered with the tickets module: redacts card numbers, IBANs, passwords and national ids in every
 * customer-written message before it is stored, with the brand's patterns; records what kinds were found
 * (never the values).
 */
export const redactInboundText: InboundTextFilter = async (ctx, target, body) => {
  const settings = await getBrandRedactionSettings(ctx, target.brandId);
  if (!settings.enabled || settings.patterns.length === 0) return body;
  const text = redactText(body.text, settings.patterns);
  const html = body.html === null ? null : redactText(body.html, settings.patterns);
  const findings: Finding[] = [...text.findings, ...(html?.findings ?? [])];
  if (findings.length === 0) return body;
  await recordChange(ctx, {
    event: 'compliance.message_auto_redacted',
    aggregateType: 'ticket',
    aggregateId: target.ticketId,
    ticketId: target.ticketId,
    payload: { kinds: [...new Set(findings.map((f) => f.kind))], count: text.findings.length },
  });
  return { text: text.text, html: html?.text ?? null };
};
