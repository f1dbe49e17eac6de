import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ADMIN_SECTIONS } from '../features/admin/admin-common.js';
import { useMe, useSession } from '../features/auth/session.js';
import { useLegacyFilterMigration } from '../features/inbox/saved-views.js';
import type { SearchNavState } from '../features/inbox/search-page.js';
import { hashTicketNumber } from '../features/inbox/ticket-number.js';
import { useLive } from '../features/live/live-updates.js';
import { useHotkeys } from '../features/shortcuts/hotkeys.js';
import { ShortcutHelp } from '../features/shortcuts/shortcut-help.js';
import { WEB_MODULES } from './web-modules.js';
import { PresenceSwitch } from '../features/routing/presence-switch.js';

export function AppLayout() {
  const me = useMe();
  const { can, logout } = useSession();
  const live = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const searchRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [help, setHelp] = useState(false);
  useLegacyFilterMigration(me.id);
  const admin = ADMIN_SECTIONS.find((s) => s.ability !== 'tokens.own' && can(s.ability)) ?? ADMIN_SECTIONS[ADMIN_SECTIONS.length - 1];

  useEffect(() => {
    if (location.pathname === '/search') setQ(new URLSearchParams(location.search).get('q') ?? '');
  }, [location]);

  useHotkeys({
    '/': () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    '?': () => setHelp((h) => !h),
    'g i': () => navigate('/inbox'),
    'g n': () => navigate('/tickets/new'),
    'g c': () => navigate('/customers'),
    'g a': () => navigate(admin.to),
    escape: (e) => {
      if (e.target instanceof HTMLElement && e.target !== document.body) e.target.blur();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!q.trim()) return;
    // `#1234` opens that ticket directly once the search confirms it exists (and you may see it)
    const state: SearchNavState | undefined = hashTicketNumber(q) !== null ? { jump: true } : undefined;
    navigate(`/search?q=${encodeURIComponent(q.trim())}`, { state });
    searchRef.current?.blur();
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/inbox" className="logo" aria-label="Switchboard inbox">
          <span className="brand-mark" aria-hidden="true">SB</span>
          <span className="logo-text">Switchboard</span>
        </Link>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/inbox" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
            Inbox
          </NavLink>
          {can('customers.read') && (
            <NavLink to="/customers" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
              Customers
            </NavLink>
          )}
          {can('tickets.write') && (
            <NavLink to="/tickets/new" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
              New ticket
            </NavLink>
          )}
          {WEB_MODULES.flatMap((m) => m.nav)
            .filter((n) => !n.ability || can(n.ability))
            .map((n) => (
              <NavLink key={n.to} to={n.to} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
                {n.label}
              </NavLink>
            ))}
          <NavLink to={admin.to} className={() => (location.pathname.startsWith('/admin') ? 'is-active' : undefined)}>
            {admin.ability === 'tokens.own' ? 'API tokens' : 'Admin'}
          </NavLink>
        </nav>
        <form className="search" role="search" onSubmit={submit}>
          <label htmlFor="global-search" className="sr-only">
            Search tickets
          </label>
          <input
            id="global-search"
            ref={searchRef}
            type="search"
            placeholder="Search tickets or #1234  ( / )"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && searchRef.current?.blur()}
          />
        </form>
        <div className="account">
          <span className={`live live-${live.state}`} title={live.state === 'live' ? 'Live updates on' : live.state === 'connecting' ? 'Connecting…' : 'Offline — reconnecting'}>
            <span className="dot" aria-hidden="true" />
            <span className="sr-only">Live updates: {live.state}</span>
          </span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
            ?
          </button>
          <PresenceSwitch />
          <span className="me" title={`${me.email} · ${me.role}`}>
            {me.name}
          </span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void logout().then(() => navigate('/'))}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
