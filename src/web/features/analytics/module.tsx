import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the analytics module. */
export const analyticsModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
