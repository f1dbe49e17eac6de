import { AppError, conflict, invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { respondCase } from '../cases/change-case-clock.js';
import { loadRequest, type DsrRequest } from './requests.js';

/** Art. 12(4)/(5) grounds for not acting (or charging): the first two need a written justification. */
export const REFUSAL_GROUNDS = ['manifestly_unfounded', 'excessive', 'identity_not_established', 'exemption'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];
const NEEDS_JUSTIFICATION = new Set<RefusalGround>(['manifestly_unfounded', 'excessive']);
export const MIN_JUSTIFICATION = 20;

/** Default supervisory authority link: the EDPB list of every national SA (workspaces may name their lead SA). */
export const DEFAULT_SA = { name: 'your data protection supervisory authority', url: 'https://www.edpb.europa.eu/about-edpb/about-edpb/members_en' };

interface RefusalTemplate {
  subject: string;
  grounds: Record<RefusalGround, string>;
  body: string;
}

/**
 * Art. 12(4): a refusal states the reasons and the right to complain to a supervisory authority and to seek a
 * judicial remedy. Placeholders: {ground}, {reasons}, {sa_name}, {sa_url}.
 */
export const REFUSAL_TEMPLATES: Record<'en' | 'de' | 'fr', RefusalTemplate> = {
  en: {
    subject: 'Your data protection request',
    grounds: {
      manifestly_unfounded: 'we consider the request manifestly unfounded (Art. 12(5) GDPR)',
      excessive: 'we consider the request excessive, in particular because of its repetitive character (Art. 12(5) GDPR)',
      identity_not_established: 'we could not establish your identity (Art. 12(2) and (6) GDPR)',
      exemption: 'a legal exemption applies',
    },
    body: 'We will not act on your request because {ground}.\n\nReasons: {reasons}\n\n'
      + 'You have the right to lodge a complaint with a supervisory authority, {sa_name} ({sa_url}), '
      + 'and the right to an effective judicial remedy before the courts (Art. 77 and 79 GDPR).',
  },
  de: {
    subject: 'Ihr Datenschutzanliegen',
    grounds: {
      manifestly_unfounded: 'wir den Antrag als offenkundig unbegründet ansehen (Art. 12 Abs. 5 DSGVO)',
      excessive: 'wir den Antrag, insbesondere wegen häufiger Wiederholung, als exzessiv ansehen (Art. 12 Abs. 5 DSGVO)',
      identity_not_established: 'wir Ihre Identität nicht feststellen konnten (Art. 12 Abs. 2 und 6 DSGVO)',
      exemption: 'eine gesetzliche Ausnahme greift',
    },
    body: 'Wir werden Ihrem Antrag nicht nachkommen, weil {ground}.\n\nGründe: {reasons}\n\n'
      + 'Sie haben das Recht, Beschwerde bei einer Aufsichtsbehörde einzulegen, {sa_name} ({sa_url}), '
      + 'sowie das Recht auf einen wirksamen gerichtlichen Rechtsbehelf (Art. 77 und 79 DSGVO).',
  },
  fr: {
    subject: 'Votre demande relative à vos données',
    grounds: {
      manifestly_unfounded: 'nous estimons que la demande est manifestement infondée (art. 12, § 5, RGPD)',
      excessive: 'nous estimons que la demande est excessive, notamment en raison de son caractère répétitif (art. 12, § 5, RGPD)',
      identity_not_established: "nous n'avons pas pu établir votre identité (art. 12, § 2 et 6, RGPD)",
      exemption: "une exception légale s'applique",
    },
    body: 'Nous ne donnerons pas suite à votre demande car {ground}.\n\nMotifs : {reasons}\n\n'
      + "Vous avez le droit d'introduire une réclamation auprès d'une autorité de contrôle, {sa_name} ({sa_url}), "
      + "ainsi que le droit à un recours juridictionnel effectif (art. 77 et 79 RGPD).",
  },
};
export type RefusalLanguage = keyof typeof REFUSAL_TEMPLATES;

export interface RefusalTextInput {
  language?: string;
  ground: RefusalGround;
  reasons: string;
  supervisory_authority?: { name: string; url: string };
}

/** The refusal letter in the requested language (en when it has none): subject + body. */
export function renderRefusal(input: RefusalTextInput): { language: RefusalLanguage; subject: string; body: string } {
  const lang = (input.language?.slice(0, 2).toLowerCase() ?? 'en') as RefusalLanguage;
  const language: RefusalLanguage = lang in REFUSAL_TEMPLATES ? lang : 'en';
  const t = REFUSAL_TEMPLATES[language];
  const sa = input.supervisory_authority ?? DEFAULT_SA;
  const vars: Record<string, string> = { ground: t.grounds[input.ground], reasons: input.reasons.trim(), sa_name: sa.name, sa_url: sa.url };
  return { language, subject: t.subject, body: t.body.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '') };
}

function checkJustification(text: string | undefined, code: string, what: string): string {
  const j = text?.trim() ?? '';
  if (j.length < MIN_JUSTIFICATION) throw invalid(code, `${what} needs a written justification (at least ${MIN_JUSTIFICATION} characters)`);
  return j;
}

export interface RefuseInput extends RefusalTextInput {
  justification?: string;
  late_reason?: string;
}

/**
 * Refuse a request (Art. 12(4)): reasons required; "manifestly unfounded/excessive" also needs a justification
 * (Art. 12(5): the controller bears the burden of proof). Closes the request and answers its clock.
 */
export async function refuseRequest(ctx: Ctx, id: string, input: RefuseInput): Promise<DsrRequest & { refusal: ReturnType<typeof renderRefusal> }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!REFUSAL_GROUNDS.includes(input.ground)) throw invalid('UNKNOWN_REFUSAL_GROUND', `ground must be one of ${REFUSAL_GROUNDS.join(', ')}`);
  if (!input.reasons?.trim()) throw invalid('REASON_REQUIRED', 'A refusal must state its reasons (Art. 12(4))');
  const justification = NEEDS_JUSTIFICATION.has(input.ground) ? checkJustification(input.justification, 'JUSTIFICATION_REQUIRED', 'This ground') : input.justification?.trim() || null;
  const r = await loadRequest(ctx, id, true);
  if (r.status !== 'open') throw conflict('REQUEST_CLOSED', 'The request is already completed');
  const letter = renderRefusal(input);
  await respondCase(ctx, r.case_id, { outcome: 'refused', reason_code: input.ground, late_reason: input.late_reason });
  const now = ctx.clock.now();
  await ctx.tx.query(
    `UPDATE compliance_requests SET status = 'rejected', refusal_ground = $2, refusal_reasons = $3, refusal_justification = $4, refusal_language = $5,
            refusal_text = $6, refused_at = $7, updated_at = $7 WHERE id = $1`,
    [id, input.ground, input.reasons.trim(), justification, letter.language, letter.body, now],
  );
  await recordChange(ctx, {
    event: 'compliance.dsr_refused', aggregateType: 'compliance_request', aggregateId: id,
    payload: { ground: input.ground, language: letter.language, justified: justification !== null },
  });
  return { ...(await loadRequest(ctx, id)), refusal: letter };
}

/**
 * Charge a reasonable fee (Art. 12(5)): locked unless a justification is entered — the API refuses with
 * FEE_JUSTIFICATION_REQUIRED, and the table's CHECK constraint refuses it too.
 */
export interface RequestFee {
  fee_minor: number | null;
  fee_currency: string | null;
  fee_justification: string | null;
  /** The fee field is locked until a justification is entered. */
  fee_locked: boolean;
}

export async function requestFee(ctx: Ctx, id: string): Promise<RequestFee> {
  const f = await ctx.tx.one<Omit<RequestFee, 'fee_locked'>>(
    'SELECT fee_minor, fee_currency, fee_justification FROM compliance_requests WHERE id = $1 AND workspace_id = $2', [id, ctx.actor.workspaceId]);
  return { ...f, fee_locked: !f.fee_justification };
}

export async function setRequestFee(ctx: Ctx, id: string, input: { fee_minor: number; currency: string; justification?: string }): Promise<DsrRequest & RequestFee> {
  authorize(ctx.actor, 'compliance.manage');
  const justification = checkJustification(input.justification, 'FEE_JUSTIFICATION_REQUIRED', 'A fee (requests are free of charge, Art. 12(5))');
  if (!Number.isInteger(input.fee_minor) || input.fee_minor <= 0) throw invalid('INVALID_FEE', 'fee_minor must be a positive integer (minor units)');
  if (!/^[A-Z]{3}$/.test(input.currency ?? '')) throw invalid('INVALID_CURRENCY', 'currency must be an ISO 4217 code');
  const r = await loadRequest(ctx, id, true);
  if (r.status !== 'open') throw new AppError('REQUEST_CLOSED', 'The request is already completed', 'conflict');
  await ctx.tx.query(
    `UPDATE compliance_requests SET fee_minor = $2, fee_currency = $3, fee_justification = $4, updated_at = $5 WHERE id = $1`,
    [id, input.fee_minor, input.currency, justification, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'compliance.dsr_fee_set', aggregateType: 'compliance_request', aggregateId: id, payload: { fee_minor: input.fee_minor, currency: input.currency } });
  return { ...(await loadRequest(ctx, id)), ...(await requestFee(ctx, id)) };
}
