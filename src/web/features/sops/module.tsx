import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the sops module. */
export const sopsModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
