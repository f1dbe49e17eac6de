import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { SopTicketPanel } from './ticket-panel.js';

const SopsPage = lazy(() => import('./sops-page.js').then((m) => ({ default: m.SopsPage })));
const SopDetailPage = lazy(() => import('./sop-detail.js').then((m) => ({ default: m.SopDetailPage })));

/** Screens, navigation and ticket-page panels of the sops module. */
export const sopsModule: WebModule = {
  routes: [
    { path: 'sops', element: <SopsPage />, ability: 'sops.manage' },
    { path: 'sops/:id', element: <SopDetailPage />, ability: 'sops.manage' },
  ],
  nav: [{ to: '/sops', label: 'SOPs', ability: 'sops.manage' }],
  adminSections: [],
  ticketPanels: [{ id: 'sops', Panel: SopTicketPanel }],
};
