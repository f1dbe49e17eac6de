import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';

const DashboardPage = lazy(() => import('./dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const DrillPage = lazy(() => import('./drill-page.js').then((m) => ({ default: m.DrillPage })));
const StaffingPage = lazy(() => import('./staffing-page.js').then((m) => ({ default: m.StaffingPage })));

/** Reports: overview dashboard with drill-down and CSV, forecast/staffing/what-if. */
export const analyticsModule: WebModule = {
  routes: [
    { path: 'reports', element: <DashboardPage />, ability: 'reports.read' },
    { path: 'reports/tickets', element: <DrillPage />, ability: 'reports.read' },
    { path: 'reports/staffing', element: <StaffingPage />, ability: 'reports.read' },
  ],
  nav: [{ to: '/reports', label: 'Reports', ability: 'reports.read' }],
  adminSections: [],
  ticketPanels: [],
};
