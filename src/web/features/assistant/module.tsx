import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';

const AssistantAdmin = lazy(() => import('./assistant-admin.js').then((m) => ({ default: m.AssistantAdmin })));

/** Screens, navigation and ticket-page panels of the assistant module. */
export const assistantModule: WebModule = {
  routes: [{ path: 'admin/assistant', element: <AssistantAdmin />, ability: 'assistant.manage', adminTitle: 'Self-service assistant' }],
  nav: [],
  adminSections: [{ to: '/admin/assistant', label: 'Self-service assistant', ability: 'assistant.manage' }],
  ticketPanels: [],
};
