import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCategory, createRedirect, createSection, kbAnalytics, listSynonyms, listTaxonomy, renderMarkdown, setSynonyms, settingsOf, updateCategory,
  updateHelpCenterSettings, updateSection, uploadKbFile,
} from '../../domain/kb/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import {
  ZKbAnalytics, ZKbCategory, ZKbCategoryInput, ZKbCategoryPatch, ZKbFile, ZKbPreview, ZKbRedirectInput, ZKbSection, ZKbSectionInput, ZKbSectionPatch,
  ZKbSettings, ZKbSettingsInput, ZKbSynonyms,
} from '../../shared/contracts/kb.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { MAX_IMAGE_BYTES } from '../../domain/kb/index.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 413: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const BrandParams = z.object({ brandId: ZId });

/** Help Center settings, categories/sections, synonyms, redirects, files, preview and analytics. */
export function registerKbAdminRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Knowledge base'];

  app.get('/api/v1/kb/brands/:brandId/settings', { schema: { tags, summary: 'Help Center settings of a brand (theme, locales)', params: BrandParams, response: { 200: ZKbSettings, ...errors } } },
    async (req) => inTx(deps, req, async (ctx) => {
      authorize(ctx.actor, 'kb.read_internal');
      return settingsOf(ctx.tx, req.params.brandId);
    }) as never);
  app.put('/api/v1/kb/brands/:brandId/settings', { schema: { tags, summary: 'Change the Help Center theme and locales (colours must reach WCAG AA contrast)', params: BrandParams, body: ZKbSettingsInput, response: { 200: ZKbSettings, ...errors } } },
    async (req) => inTx(deps, req, (ctx) => updateHelpCenterSettings(ctx, req.params.brandId, req.body)) as never);

  app.get('/api/v1/kb/brands/:brandId/taxonomy', { schema: { tags, summary: 'Categories and sections of a brand', params: BrandParams, response: { 200: z.object({ categories: z.array(ZKbCategory), sections: z.array(ZKbSection) }), ...errors } } },
    async (req) => inTx(deps, req, (ctx) => listTaxonomy(ctx, req.params.brandId)) as never);
  app.post('/api/v1/kb/categories', { schema: { tags, summary: 'Create a category', body: ZKbCategoryInput, response: { 201: ZKbCategory, ...errors } } },
    async (req, reply) => reply.code(201).send(await inTx(deps, req, (ctx) => createCategory(ctx, req.body)) as never));
  app.patch('/api/v1/kb/categories/:id', { schema: { tags, summary: 'Change a category', params: Params, body: ZKbCategoryPatch, response: { 200: ZKbCategory, ...errors } } },
    async (req) => inTx(deps, req, (ctx) => updateCategory(ctx, req.params.id, req.body)) as never);
  app.post('/api/v1/kb/sections', { schema: { tags, summary: 'Create a section in a category', body: ZKbSectionInput, response: { 201: ZKbSection, ...errors } } },
    async (req, reply) => reply.code(201).send(await inTx(deps, req, (ctx) => createSection(ctx, req.body)) as never));
  app.patch('/api/v1/kb/sections/:id', { schema: { tags, summary: 'Change a section', params: Params, body: ZKbSectionPatch, response: { 200: ZKbSection, ...errors } } },
    async (req) => inTx(deps, req, (ctx) => updateSection(ctx, req.params.id, req.body)) as never);

  app.get('/api/v1/kb/brands/:brandId/synonyms', { schema: { tags, summary: 'Search synonym groups of a brand', params: BrandParams, response: { 200: ZKbSynonyms, ...errors } } },
    async (req) => ({ groups: await inTx(deps, req, (ctx) => listSynonyms(ctx, req.params.brandId)) }) as never);
  app.put('/api/v1/kb/brands/:brandId/synonyms', { schema: { tags, summary: 'Replace the synonym groups ("coins" ~ "credits")', params: BrandParams, body: z.strictObject({ groups: ZKbSynonyms.shape.groups }), response: { 200: ZKbSynonyms, ...errors } } },
    async (req) => ({ groups: await inTx(deps, req, (ctx) => setSynonyms(ctx, req.params.brandId, req.body.groups)) }) as never);

  app.post('/api/v1/kb/redirects', { schema: { tags, summary: 'Redirect an old slug to another (301); loops are refused', body: ZKbRedirectInput, response: { 201: ZKbRedirectInput, ...errors } } },
    async (req, reply) => reply.code(201).send(await inTx(deps, req, (ctx) => createRedirect(ctx, req.body)) as never));

  app.post('/api/v1/kb/preview', { schema: { tags, summary: 'Render Markdown as the Help Center will (sanitised), with warnings', body: z.strictObject({ body: z.string().max(400_000) }), response: { 200: ZKbPreview, ...errors } } },
    async (req) => {
      await inTx(deps, req, async (ctx) => authorize(ctx.actor, 'kb.manage'));
      const r = renderMarkdown(req.body.body);
      return { html: r.html, warnings: r.warnings } as never;
    });

  app.get('/api/v1/kb/analytics', { schema: { tags, summary: 'Views, votes, searches without results, deflection, content gaps, falling helpfulness', querystring: z.strictObject({ brand_id: ZId, days: z.coerce.number().int().min(1).max(365).default(30) }), response: { 200: ZKbAnalytics, ...errors } } },
    async (req) => toWire(await inTx(deps, req, (ctx) => kbAnalytics(ctx, req.query.brand_id, req.query.days))) as never);

  // Raw upload (the body is the file), like /api/v1/uploads; images are limited far below MAX_ATTACHMENT_BYTES.
  app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    const limit = Math.max(deps.config.MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES * 2);
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/v1/kb/files', {
      bodyLimit: limit,
      schema: { tags, summary: 'Upload an image or attachment for articles (raw body); link it in Markdown with the returned url', querystring: z.strictObject({ brand_id: ZId, filename: z.string().min(1).max(200) }), response: { 201: ZKbFile, ...errors } },
    }, async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const f = await inTx(deps, req, (ctx) => uploadKbFile(ctx, { brandId: req.query.brand_id, filename: req.query.filename, bytes, store: deps.files }));
      return reply.code(201).send(f as never);
    });
  });
}
