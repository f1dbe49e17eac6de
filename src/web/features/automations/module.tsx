import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the automations module. */
export const automationsModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
