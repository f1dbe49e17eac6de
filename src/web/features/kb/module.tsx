import type { WebModule } from '../../routes/web-module.js';
import { KbAnalyticsPage } from './analytics-page.js';
import { KbArticleEditor } from './article-editor.js';
import { KbArticlesPage } from './articles-page.js';
import { KbSettingsPage } from './settings-page.js';
import { KbTicketPanel } from './ticket-panel.js';

/** Screens, navigation and ticket-page panels of the kb module. */
export const kbModule: WebModule = {
  routes: [
    { path: 'kb', element: <KbArticlesPage />, ability: 'kb.read_internal' },
    { path: 'kb/articles/:id', element: <KbArticleEditor />, ability: 'kb.read_internal' },
    { path: 'kb/analytics', element: <KbAnalyticsPage />, ability: 'kb.manage' },
    { path: 'kb/settings', element: <KbSettingsPage />, ability: 'kb.manage' },
  ],
  nav: [{ to: '/kb', label: 'Knowledge base', ability: 'kb.read_internal' }],
  adminSections: [{ to: '/kb/settings', label: 'Help Center', ability: 'kb.manage' }, { to: '/kb/analytics', label: 'KB analytics', ability: 'kb.manage' }],
  ticketPanels: [{ id: 'kb-suggestions', Panel: KbTicketPanel }],
};
