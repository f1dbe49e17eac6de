import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the sla module. */
export const slaModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
