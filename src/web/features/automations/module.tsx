import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { MacroPanel } from './macro-panel.js';

const MacrosAdmin = lazy(() => import('./macros-admin.js').then((m) => ({ default: m.MacrosAdmin })));
const RulesAdmin = lazy(() => import('./rules-admin.js').then((m) => ({ default: m.RulesAdmin })));
const WebhooksAdmin = lazy(() => import('./webhooks-admin.js').then((m) => ({ default: m.WebhooksAdmin })));

/** Macros, triggers, automations and webhooks admin; the macro picker on the ticket page. */
export const automationsModule: WebModule = {
  routes: [
    { path: 'admin/macros', element: <MacrosAdmin />, ability: 'tickets.write' },
    { path: 'admin/triggers', element: <RulesAdmin kind="trigger" />, ability: 'automations.manage' },
    { path: 'admin/automations', element: <RulesAdmin kind="automation" />, ability: 'automations.manage' },
    { path: 'admin/webhooks', element: <WebhooksAdmin />, ability: 'automations.manage' },
  ],
  nav: [],
  adminSections: [
    { to: '/admin/macros', label: 'Macros', ability: 'tickets.write' },
    { to: '/admin/triggers', label: 'Triggers', ability: 'automations.manage' },
    { to: '/admin/automations', label: 'Automations', ability: 'automations.manage' },
    { to: '/admin/webhooks', label: 'Webhooks', ability: 'automations.manage' },
  ],
  ticketPanels: [{ id: 'macros', Panel: MacroPanel }],
};
