import type { ComponentType, ReactNode } from 'react';

/** A screen a module adds under the app shell (path relative to "/", e.g. "sla/policies"). */
export interface ModuleRoute {
  path: string;
  element: ReactNode;
  /** Ability the page needs; checked before rendering. */
  ability?: string;
  /**
   * An admin page: the app wraps it in the admin shell (sidebar + this title). Lets a module's admin page skip
   * importing admin-common, which would close an import cycle (admin-common → web-modules → the module).
   */
  adminTitle?: string;
}

export interface NavItem {
  to: string;
  label: string;
  ability?: string;
}

/** What the ticket page passes to a module's side panel. */
export interface TicketPanelProps {
  ticketId: string;
  /** The ticket as returned by GET /api/v1/tickets/:id. */
  ticket: { id: string; status: string; priority: string; version: number } & Record<string, unknown>;
  readOnly: boolean;
  onReload(): void;
}

/** Everything a capability module contributes to the web app. Each module owns features/<module>/module.tsx. */
export interface WebModule {
  routes: ModuleRoute[];
  /** Links in the top navigation. */
  nav: NavItem[];
  /** Entries in the Admin sidebar (their routes go in `routes`). */
  adminSections: Array<NavItem & { ability: string }>;
  /** Panels rendered in the ticket page's side column, in module order. */
  ticketPanels: Array<{ id: string; Panel: ComponentType<TicketPanelProps> }>;
}
