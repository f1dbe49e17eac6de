import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { PriorityPage } from './priority-page.js';
import { ProblemPage } from './problem-page.js';
import { ProblemsPage } from './problems-page.js';
import { RoutingTicketPanel } from './ticket-panel.js';

export { PresenceSwitch } from './presence-switch.js';

// Admin screens load on demand, as the core's do. They get the admin shell from the app (adminTitle),
// so they never import admin-common (that would close a cycle: admin-common → web-modules → this module).
const RoutingAdmin = lazy(() => import('./routing-admin.js').then((m) => ({ default: m.RoutingAdmin })));
const EscalationAdmin = lazy(() => import('./escalation-admin.js').then((m) => ({ default: m.EscalationAdmin })));

/** Screens, navigation and ticket-page panels of the routing module. */
export const routingModule: WebModule = {
  routes: [
    { path: 'priority', element: <PriorityPage />, ability: 'tickets.read' },
    { path: 'problems', element: <ProblemsPage />, ability: 'tickets.read' },
    { path: 'problems/:id', element: <ProblemPage />, ability: 'tickets.read' },
    { path: 'admin/routing', element: <RoutingAdmin />, ability: 'routing.manage', adminTitle: 'Routing' },
    { path: 'admin/escalation', element: <EscalationAdmin />, ability: 'routing.manage', adminTitle: 'Escalation' },
  ],
  nav: [
    { to: '/priority', label: 'Priority', ability: 'tickets.write' },
    { to: '/problems', label: 'Problems', ability: 'tickets.write' },
  ],
  adminSections: [
    { to: '/admin/routing', label: 'Routing', ability: 'routing.manage' },
    { to: '/admin/escalation', label: 'Escalation', ability: 'routing.manage' },
  ],
  ticketPanels: [{ id: 'routing', Panel: RoutingTicketPanel }],
};
