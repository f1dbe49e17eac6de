import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the kb module. */
export const kbModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
