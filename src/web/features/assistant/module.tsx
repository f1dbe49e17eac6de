import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the assistant module. */
export const assistantModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
