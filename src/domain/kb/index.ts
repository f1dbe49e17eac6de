export type { Article, Version, Visibility, VersionState, KbAudience, HelpCenterSettings } from './kb.js';
export { VISIBILITIES, VERSION_STATES, slugFromTitle, settingsOf } from './kb.js';
export { KB_LOCALES, normaliseLocale, localeName, regconfigOf } from './locales.js';
export { renderMarkdown, htmlToPlain, escapeHtml, MAX_BODY_CHARS } from './render.js';
export { createCategory, updateCategory, createSection, updateSection, listTaxonomy, type Category, type Section } from './commands/manage-taxonomy.js';
export { updateHelpCenterSettings, contrastWithWhite, type SettingsInput } from './commands/update-settings.js';
export { createArticle, type CreateArticleInput, type ArticleMetaInput } from './commands/create-article.js';
export { saveDraft, type DraftInput, type DraftResult } from './commands/save-draft.js';
export { submitVersion, approveVersion, requestChanges } from './commands/review-version.js';
export { publishVersion, publishDueVersions, restoreVersion } from './commands/publish-version.js';
export { updateArticle, archiveArticle, markReviewed, sendReviewReminders } from './commands/update-article.js';
export { reviewReminderMail, type ReviewReminderMail } from './queries/review-reminder-mail.js';
export { createRedirect, resolveSlug, type SlugResolution, type RedirectInput } from './commands/redirects.js';
export { searchArticles, searchHelpCenter, tokenize, type KbPassage, type SearchInput, type SearchResult } from './queries/search-articles.js';
export { getArticleDetail, listArticles, translationStatuses, type ArticleDetail, type ArticleListItem, type TranslationStatus, type ListArticlesFilter } from './queries/admin-articles.js';
export { recordView, recordSearch, recordVote, recordContactClick, recordTicketAfterArticle, type VoteInput } from './commands/record-feedback.js';
export {
  loadHelpCenter, servedLocale, publicArticles, helpCenterTree, findPublicArticle, relatedArticles, sitemapEntries,
  type HcBrand, type HcArticle, type HcArticleRef, type HcCategory, type HcArticleLookup,
} from './queries/help-center.js';
export { setSynonyms, listSynonyms } from './commands/synonyms.js';
export { importArticle, applyStructure, parseStructure, importFailure, type ImportOutcome, type HelpCenterStructure } from './commands/import-articles.js';
export { parseMarkdownFile, parseZendeskExport, type ImportItem, type ParseProblem } from './import-formats.js';
export { bulkLoadArticles } from './commands/bulk-load.js';
export { uploadKbFile, imageSize, MAX_IMAGE_BYTES, type KbFile } from './commands/upload-file.js';
export { kbAnalytics, type KbAnalytics } from './queries/kb-analytics.js';
export { suggestArticlesForTicket } from './queries/suggest-articles.js';
