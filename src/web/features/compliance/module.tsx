import { lazy } from 'react';
import type { WebModule } from '../../routes/web-module.js';
import { ComplianceCasesPage } from './cases-page.js';
import { RegulatoryPanel } from './regulatory-panel.js';

const ComplianceCasePage = lazy(() => import('./case-page.js').then((m) => ({ default: m.ComplianceCasePage })));
const GdprRequestsPage = lazy(() => import('./requests-page.js').then((m) => ({ default: m.GdprRequestsPage })));
const RetentionPage = lazy(() => import('./retention-page.js').then((m) => ({ default: m.RetentionPage })));
const AuditChainPage = lazy(() => import('./audit-page.js').then((m) => ({ default: m.AuditChainPage })));
const PaymentComplaintsPage = lazy(() => import('./payments-page.js').then((m) => ({ default: m.PaymentComplaintsPage })));
const DsaPage = lazy(() => import('./dsa-page.js').then((m) => ({ default: m.DsaPage })));
const TermsPage = lazy(() => import('./terms-page.js').then((m) => ({ default: m.TermsPage })));

/** Screens, navigation and ticket-page panels of the compliance module. */
export const complianceModule: WebModule = {
  routes: [
    { path: 'compliance', element: <ComplianceCasesPage />, ability: 'tickets.read' },
    { path: 'compliance/cases/:id', element: <ComplianceCasePage />, ability: 'tickets.read' },
    { path: 'compliance/requests', element: <GdprRequestsPage />, ability: 'compliance.manage' },
    { path: 'compliance/retention', element: <RetentionPage />, ability: 'compliance.manage' },
    { path: 'compliance/audit', element: <AuditChainPage />, ability: 'audit.read' },
    { path: 'compliance/payments', element: <PaymentComplaintsPage />, ability: 'tickets.read' },
    { path: 'compliance/dsa', element: <DsaPage />, ability: 'compliance.manage' },
    { path: 'compliance/terms', element: <TermsPage />, ability: 'compliance.manage' },
  ],
  nav: [{ to: '/compliance', label: 'Compliance', ability: 'tickets.read' }],
  adminSections: [],
  ticketPanels: [{ id: 'compliance-clocks', Panel: RegulatoryPanel }],
};
