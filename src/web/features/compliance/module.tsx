import type { WebModule } from '../../routes/web-module.js';
import { RegulatoryPanel } from './regulatory-panel.js';

/** Screens, navigation and ticket-page panels of the compliance module. */
export const complianceModule: WebModule = {
  routes: [],
  nav: [],
  adminSections: [],
  ticketPanels: [{ id: 'compliance-clocks', Panel: RegulatoryPanel }],
};
