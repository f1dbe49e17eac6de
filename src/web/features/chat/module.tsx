import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { ChatTicketPanel } from './ticket-panel.js';

const ChatAdmin = lazy(() => import('./chat-admin.js').then((m) => ({ default: m.ChatAdmin })));

/** Screens, navigation and ticket-page panels of the chat module. */
export const chatModule: WebModule = {
  routes: [{ path: 'admin/chat', element: <ChatAdmin />, ability: 'channels.manage', adminTitle: 'Chat & web form' }],
  nav: [],
  adminSections: [{ to: '/admin/chat', label: 'Chat & web form', ability: 'channels.manage' }],
  ticketPanels: [{ id: 'chat', Panel: ChatTicketPanel }],
};
