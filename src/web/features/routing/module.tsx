import type { WebModule } from '../../routes/web-module.js';
import { EscalationAdmin } from './escalation-admin.js';
import { PriorityPage } from './priority-page.js';
import { ProblemPage } from './problem-page.js';
import { ProblemsPage } from './problems-page.js';
import { RoutingAdmin } from './routing-admin.js';
import { RoutingTicketPanel } from './ticket-panel.js';

export { PresenceSwitch } from './presence-switch.js';

/** Screens, navigation and ticket-page panels of the routing module. */
export const routingModule: WebModule = {
  routes: [
    { path: 'priority', element: <PriorityPage />, ability: 'tickets.read' },
    { path: 'problems', element: <ProblemsPage />, ability: 'tickets.read' },
    { path: 'problems/:id', element: <ProblemPage />, ability: 'tickets.read' },
    { path: 'admin/routing', element: <RoutingAdmin />, ability: 'routing.manage' },
    { path: 'admin/escalation', element: <EscalationAdmin />, ability: 'routing.manage' },
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
