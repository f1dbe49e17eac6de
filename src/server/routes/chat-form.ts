import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { systemActor, type Ctx } from '../../domain/kernel/index.js';
import { uploadAttachment } from '../../domain/tickets/index.js';
import { findBrand, publicSettings, submitWebForm, WEB_FORM_LIMITS, type BrandRow } from '../../domain/chat/index.js';
import type { ServerDeps } from '../deps.js';
import { KeyedLimiter } from './chat-limits.js';
import { renderForm, renderProblem, renderThanks } from './chat-form-html.js';

const FORM_KEYS = ['brand', 'q', 'article', 'embed', 'name', 'email', 'subject', 'description', 'category', 'website'] as const;

interface Parsed {
  fields: Record<string, string>;
  files: Array<{ name: string; type: string; bytes: Buffer }>;
}

/** multipart/form-data or urlencoded body → fields + files (the WHATWG parser of Node's fetch; no extra dependency). */
async function parseForm(req: FastifyRequest): Promise<Parsed> {
  const ct = String(req.headers['content-type'] ?? '');
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let form: FormData;
  try {
    form = await new Request('http://form.local/', { method: 'POST', headers: { 'content-type': ct }, body: new Uint8Array(body) }).formData();
  } catch {
    throw new AppError('FORM_UNREADABLE', 'The form data could not be read', 'validation');
  }
  const fields: Record<string, string> = {};
  const files: Parsed['files'] = [];
  for (const [k, v] of form.entries()) {
    if (typeof v === 'string') {
      if ((FORM_KEYS as readonly string[]).includes(k) && !(k in fields)) fields[k] = v.slice(0, 25_000);
    } else if (k === 'attachments' && v.size > 0) {
      files.push({ name: v.name || 'file', type: v.type, bytes: Buffer.from(await v.arrayBuffer()) });
    }
  }
  return { fields, files };
}

/** Embedding (?embed=1) allows any site to frame the form; the full page keeps the app's no-framing rule. */
function headers(reply: FastifyReply, embed: boolean): FastifyReply {
  reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
  if (embed) reply.header('x-sb-embed', '1');
  return reply;
}

export function registerWebFormRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const posts = new KeyedLimiter(0.2, 10); // any POST (valid or not) per client IP: 10 at once, then one per 5 s
  const embedOk = async (req: FastifyRequest, reply: FastifyReply) => {
    if (reply.getHeader('x-sb-embed')) {
      reply.removeHeader('x-sb-embed');
      reply.removeHeader('x-frame-options');
      const csp = String(reply.getHeader('content-security-policy') ?? '');
      if (csp) reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
    }
    void req;
  };

  const loadBrand = (tx: Ctx['tx'], brand: string | undefined): Promise<BrandRow> =>
    brand ? findBrand(tx, brand) : tx.one<BrandRow>('SELECT id, workspace_id, name, slug FROM brands ORDER BY created_at, id LIMIT 1').catch(() => findBrand(tx, ''));

  app.get<{ Querystring: { brand?: string; q?: string; article?: string; embed?: string } }>('/support/new', { schema: { hide: true }, onSend: embedOk }, async (req, reply) => {
    const embed = req.query.embed === '1';
    try {
      const { brand, settings } = await deps.db.transaction(async (tx) => publicSettings({ tx }, (await loadBrand(tx, req.query.brand)).id));
      return headers(reply, embed).send(renderForm({
        brand, values: { q: String(req.query.q ?? '').slice(0, WEB_FORM_LIMITS.searchContext), article: String(req.query.article ?? '').slice(0, 64) }, errors: {}, categories: settings?.form_categories ?? [], embed,
        maxFileMb: Math.floor(deps.config.MAX_ATTACHMENT_BYTES / 1048576),
      }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return headers(reply, embed).code(404).send(renderProblem('Support form not found', 'There is no support form for this brand.', embed));
    }
  });

  app.get<{ Querystring: { brand?: string; n?: string; embed?: string } }>('/support/new/thanks', { schema: { hide: true }, onSend: embedOk }, async (req, reply) => {
    const embed = req.query.embed === '1';
    const brand = await deps.db.transaction((tx) => loadBrand(tx, req.query.brand)).catch(() => null);
    const n = Number(req.query.n);
    return headers(reply, embed).send(renderThanks(brand?.name ?? 'Our', Number.isInteger(n) && n > 0 ? n : null, embed));
  });

  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser(['multipart/form-data', 'application/x-www-form-urlencoded'], { parseAs: 'buffer', bodyLimit: 6 * deps.config.MAX_ATTACHMENT_BYTES }, (_r, body, done) => done(null, body));
    scoped.post('/support/new', { schema: { hide: true }, onSend: embedOk, bodyLimit: 6 * deps.config.MAX_ATTACHMENT_BYTES }, async (req, reply) => {
      if (!posts.take(req.ip)) return headers(reply, false).code(429).send(renderProblem('Too many requests', 'Please wait a minute and try again.', false));
      const { fields, files } = await parseForm(req);
      const embed = fields.embed === '1';
      const brand = await deps.db.transaction((tx) => loadBrand(tx, fields.brand)).catch(() => null);
      if (!brand) return headers(reply, embed).code(404).send(renderProblem('Support form not found', 'There is no support form for this brand.', embed));
      const thanks = (n: number | null) => reply.redirect(`/support/new/thanks?brand=${encodeURIComponent(brand.slug)}${n ? `&n=${n}` : ''}${embed ? '&embed=1' : ''}`, 303);
      // Honeypot: a bot filled the invisible field. Looks like success to it; nothing is stored.
      if (fields.website) return thanks(null);
      const input = { name: fields.name ?? '', email: fields.email ?? '', subject: fields.subject ?? '', description: fields.description ?? '', category: fields.category || undefined, search_context: fields.q, kb_article_id: fields.article || undefined };
      const view = async (status: number, errors: Record<string, string>, notice?: string) => {
        const settings = await deps.db.transaction((tx) => publicSettings({ tx }, brand.id)).then((r) => r.settings, () => undefined);
        return headers(reply, embed).code(status).send(renderForm({
          brand, values: { ...fields }, errors, categories: settings?.form_categories ?? [], embed, notice, maxFileMb: Math.floor(deps.config.MAX_ATTACHMENT_BYTES / 1048576),
        }));
      };
      if (files.length > WEB_FORM_LIMITS.files) return view(422, { attachments: `At most ${WEB_FORM_LIMITS.files} files` });
      try {
        const out = await deps.db.transaction(async (tx) => {
          const ctx: Ctx = { actor: { ...systemActor(brand.workspace_id), name: 'Web form' }, tx, clock: deps.clock, meta: { channel: 'web', ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: String(req.id) } };
          const { settings } = await publicSettings(ctx, brand.id);
          const ids: string[] = [];
          for (const f of files) ids.push((await uploadAttachment(ctx, { filename: f.name, declaredType: f.type || null, bytes: f.bytes, maxBytes: deps.config.MAX_ATTACHMENT_BYTES, store: deps.files })).id);
          return submitWebForm(ctx, brand, settings, { ...input, attachment_ids: ids }, { ip: req.ip, perHour: deps.config.WEB_FORM_MAX_PER_HOUR });
        });
        return thanks(out.number);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'FORM_INVALID') return view(422, (err.details as { fields: Record<string, string> }).fields);
        if (err.code === 'ATTACHMENT_TOO_LARGE' || err.code === 'EMPTY_FILE') return view(422, { attachments: err.message });
        if (err.kind === 'rate_limited') return view(429, {}, err.message);
        return view(422, {}, err.message);
      }
    });
  });
}
