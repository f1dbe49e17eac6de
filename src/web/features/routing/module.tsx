import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the routing module. */
export const routingModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
