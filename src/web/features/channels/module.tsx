import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the channels module. */
export const channelsModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
