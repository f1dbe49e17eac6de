import { systemActor, type Ctx } from '../../src/domain/kernel/index.js';
import {
  approveVersion, createArticle, createCategory, createSection, publishVersion, saveDraft, submitVersion, updateHelpCenterSettings,
  type CreateArticleInput,
} from '../../src/domain/kb/index.js';
import type { TestApp } from '../helpers/test-app.js';

/** Run as the workspace's system actor (may approve its own versions, like seed and import). */
export const asSystem = <T>(t: Pick<TestApp, 'as' | 'workspaceId'>, fn: (ctx: Ctx) => Promise<T>) => t.as(systemActor(t.workspaceId), fn);

/** Help Center for brand A with en/de/es, one category + section. */
export async function kbSetup(t: TestApp): Promise<{ sectionId: string; categoryId: string }> {
  return asSystem(t, async (ctx) => {
    await updateHelpCenterSettings(ctx, t.brandA.id, { default_locale: 'en', locales: ['en', 'de', 'es'], title: 'Clipster Help' });
    const cat = await createCategory(ctx, { brand_id: t.brandA.id, titles: { en: 'Payments and coins', de: 'Zahlungen und Münzen' } });
    const sec = await createSection(ctx, { category_id: cat.id, titles: { en: 'Buying coins' } });
    return { sectionId: sec.id, categoryId: cat.id };
  });
}

/** Create, submit, approve and publish an article (as the system actor); returns its id. */
export async function publishedArticle(t: TestApp, input: Omit<CreateArticleInput, 'brand_id'> & { brand_id?: string }): Promise<string> {
  return asSystem(t, async (ctx) => {
    const { article, version } = await createArticle(ctx, { brand_id: t.brandA.id, ...input });
    await submitVersion(ctx, version.id);
    await approveVersion(ctx, version.id);
    await publishVersion(ctx, version.id);
    return article.id;
  });
}

/** Publish a translation (or a new source version) of an existing article. */
export async function publishedLocale(t: TestApp, articleId: string, input: { locale: string; title: string; body: string; slug?: string }): Promise<string> {
  return asSystem(t, async (ctx) => {
    const { version } = await saveDraft(ctx, articleId, input);
    await submitVersion(ctx, version.id);
    await approveVersion(ctx, version.id);
    await publishVersion(ctx, version.id);
    return version.id;
  });
}
