import type { WebModule } from '../../routes/web-module.js';
import { ComplianceCasesPage } from './cases-page.js';
import { RegulatoryPanel } from './regulatory-panel.js';

/** Screens, navigation and ticket-page panels of the compliance module. */
export const complianceModule: WebModule = {
  routes: [{ path: 'compliance', element: <ComplianceCasesPage />, ability: 'tickets.read' }],
  nav: [{ to: '/compliance', label: 'Compliance', ability: 'tickets.read' }],
  adminSections: [],
  ticketPanels: [{ id: 'compliance-clocks', Panel: RegulatoryPanel }],
};
