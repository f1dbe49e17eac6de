import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';

const DashboardPage = lazy(() => import('./dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const DrillPage = lazy(() => import('./drill-page.js').then((m) => ({ default: m.DrillPage })));
const SopVersionsPage = lazy(() => import('./sop-versions-page.js').then((m) => ({ default: m.SopVersionsPage })));
const SelfServicePage = lazy(() => import('./self-service-page.js').then((m) => ({ default: m.SelfServicePage })));
const ConversationDrillPage = lazy(() => import('./self-service-page.js').then((m) => ({ default: m.ConversationDrillPage })));
const StaffingPage = lazy(() => import('./staffing-page.js').then((m) => ({ default: m.StaffingPage })));

/** Reports: overview, SOP versions and self-service dashboards with drill-down and CSV, forecast/staffing/what-if. */
export const analyticsModule: WebModule = {
  routes: [
    { path: 'reports', element: <DashboardPage />, ability: 'reports.read' },
    { path: 'reports/tickets', element: <DrillPage />, ability: 'reports.read' },
    { path: 'reports/sop-versions', element: <SopVersionsPage />, ability: 'reports.read' },
    { path: 'reports/self-service', element: <SelfServicePage />, ability: 'reports.read' },
    { path: 'reports/conversations', element: <ConversationDrillPage />, ability: 'reports.read' },
    { path: 'reports/staffing', element: <StaffingPage />, ability: 'reports.read' },
  ],
  nav: [{ to: '/reports', label: 'Reports', ability: 'reports.read' }],
  adminSections: [],
  ticketPanels: [],
};
