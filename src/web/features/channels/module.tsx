import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { CasePanel, EmailPanel } from './ticket-panels.js';

const EmailAdmin = lazy(() => import('./email-admin.js').then((m) => ({ default: m.EmailAdmin })));

/** Screens, navigation and ticket-page panels of the channels module. */
export const channelsModule: WebModule = {
  routes: [{ path: 'admin/email', element: <EmailAdmin />, ability: 'channels.manage', adminTitle: 'Email' }],
  nav: [],
  adminSections: [{ to: '/admin/email', label: 'Email', ability: 'channels.manage' }],
  ticketPanels: [
    { id: 'channels-case', Panel: CasePanel },
    { id: 'channels-email', Panel: EmailPanel },
  ],
};
