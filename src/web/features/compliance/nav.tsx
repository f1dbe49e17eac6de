import { NavLink } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorText } from '../../api-client/client.js';

/** Sidebar of the compliance screens. */
export function ComplianceNav() {
  const cls = ({ isActive }: { isActive: boolean }) => (isActive ? 'view-link is-active' : 'view-link');
  return (
    <nav className="sidebar" aria-label="Compliance">
      <h2 className="sidebar-title">Compliance</h2>
      <ul>
        <li><NavLink end to="/compliance" className={cls}>Regulatory cases</NavLink></li>
        <li><NavLink to="/compliance/requests" className={cls}>GDPR requests</NavLink></li>
        <li><NavLink to="/compliance/retention" className={cls}>Retention</NavLink></li>
        <li><NavLink to="/compliance/audit" className={cls}>Audit chain</NavLink></li>
        <li><NavLink to="/compliance/payments" className={cls}>PSD2 complaints</NavLink></li>
        <li><NavLink to="/compliance/dsa" className={cls}>DSA</NavLink></li>
        <li><NavLink to="/compliance/terms" className={cls}>Terms &amp; appeal rules</NavLink></li>
      </ul>
    </nav>
  );
}

/** A compliance screen: sidebar + main pane with a heading. */
export function CompliancePage({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <div className="with-sidebar compliance">
      <ComplianceNav />
      <section className="main-pane" aria-labelledby={id}>
        <header className="pane-head"><h1 id={id}>{title}</h1></header>
        {children}
      </section>
    </div>
  );
}

export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A mutation that shows its error and refreshes the given query keys on success. */
export function useAction<A, R = unknown>(fn: (a: A) => Promise<R>, keys: unknown[][], onDone?: (r: R) => void) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: fn,
    onSuccess: (r) => { setError(null); for (const k of keys) void qc.invalidateQueries({ queryKey: k }); onDone?.(r); },
    onError: (e) => setError(errorText(e)),
  });
  return { run: m.mutate, pending: m.isPending, error };
}
