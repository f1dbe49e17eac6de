import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { SlaTicketPanel } from './ticket-panel.js';

const CalendarsAdmin = lazy(() => import('./calendars-admin.js').then((m) => ({ default: m.CalendarsAdmin })));
const PoliciesAdmin = lazy(() => import('./policies-admin.js').then((m) => ({ default: m.PoliciesAdmin })));

/** Screens, navigation and ticket-page panels of the sla module. */
export const slaModule: WebModule = {
  routes: [
    { path: 'admin/sla-policies', element: <PoliciesAdmin />, ability: 'sla.manage', adminTitle: 'SLA policies' },
    { path: 'admin/calendars', element: <CalendarsAdmin />, ability: 'sla.manage', adminTitle: 'Business calendars' },
  ],
  nav: [],
  adminSections: [
    { to: '/admin/sla-policies', label: 'SLA policies', ability: 'sla.manage' },
    { to: '/admin/calendars', label: 'Business calendars', ability: 'sla.manage' },
  ],
  ticketPanels: [{ id: 'sla', Panel: SlaTicketPanel }],
};
