import type { WebModule } from '../../routes/web-module.js';

/** Screens, navigation and ticket-page panels of the chat module. */
export const chatModule: WebModule = { routes: [], nav: [], adminSections: [], ticketPanels: [] };
