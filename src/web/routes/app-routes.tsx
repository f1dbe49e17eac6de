import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/login-page.js';
import { useSession } from '../features/auth/session.js';
import { CustomerPage } from '../features/customers/customer-page.js';
import { CustomersPage } from '../features/customers/customers-page.js';
import { InboxPage } from '../features/inbox/inbox-page.js';
import { SearchPage } from '../features/inbox/search-page.js';
import { LiveUpdatesProvider } from '../features/live/live-updates.js';
import { NewTicketPage } from '../features/tickets/new-ticket-page.js';
import { TicketPage } from '../features/tickets/ticket-page.js';
import { Empty, Loading } from '../ui/feedback.js';
import { AdminShell } from '../features/admin/admin-common.js';
import { AppLayout } from './app-layout.js';
import { WEB_MODULES } from './web-modules.js';

// Admin screens are visited rarely: load them on demand to keep the first load small.
const UsersAdmin = lazy(() => import('../features/admin/users-admin.js').then((m) => ({ default: m.UsersAdmin })));
const TeamsAdmin = lazy(() => import('../features/admin/teams-admin.js').then((m) => ({ default: m.TeamsAdmin })));
const BrandsAdmin = lazy(() => import('../features/admin/brands-admin.js').then((m) => ({ default: m.BrandsAdmin })));
const FieldsAdmin = lazy(() => import('../features/admin/fields-admin.js').then((m) => ({ default: m.FieldsAdmin })));
const TokensAdmin = lazy(() => import('../features/admin/tokens-admin.js').then((m) => ({ default: m.TokensAdmin })));

function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  const { can } = useSession();
  if (!can(ability)) return <Empty>You do not have access to this page.</Empty>;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The whole route table: the login gate, then the app shell with its screens. */
export function AppRoutes() {
  const { session, loading } = useSession();
  if (loading) return <Loading label="Starting Switchboard…" />;
  if (!session) return <LoginPage />;
  return (
    <LiveUpdatesProvider>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/inbox/mine" replace />} />
          <Route path="inbox" element={<Navigate to="/inbox/mine" replace />} />
          <Route path="inbox/:viewId" element={<InboxPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="tickets/new" element={<RequireAbility ability="tickets.write"><NewTicketPage /></RequireAbility>} />
          <Route path="tickets/:id" element={<TicketPage />} />
          <Route path="customers" element={<CustomersPage />} />
          <Route path="customers/:id" element={<CustomerPage />} />
          <Route path="admin" element={<Navigate to="/admin/users" replace />} />
          <Route path="admin/users" element={<RequireAbility ability="users.manage"><UsersAdmin /></RequireAbility>} />
          <Route path="admin/teams" element={<RequireAbility ability="teams.manage"><TeamsAdmin /></RequireAbility>} />
          <Route path="admin/brands" element={<RequireAbility ability="brands.manage"><BrandsAdmin /></RequireAbility>} />
          <Route path="admin/fields" element={<RequireAbility ability="fields.manage"><FieldsAdmin /></RequireAbility>} />
          <Route path="admin/tokens" element={<RequireAbility ability="tokens.own"><TokensAdmin /></RequireAbility>} />
          {WEB_MODULES.flatMap((m) => m.routes).map((r) => {
            const el = r.adminTitle ? <AdminShell title={r.adminTitle}>{r.element}</AdminShell> : r.element;
            return <Route key={r.path} path={r.path} element={r.ability ? <RequireAbility ability={r.ability}>{el}</RequireAbility> : <Suspense fallback={<Loading />}>{el}</Suspense>} />;
          })}
          <Route path="*" element={<Empty>Page not found.</Empty>} />
        </Route>
      </Routes>
    </LiveUpdatesProvider>
  );
}
