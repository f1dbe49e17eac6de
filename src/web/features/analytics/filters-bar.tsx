import { useSearchParams } from 'react-router';
import { useBrands, useTeams } from '../../api-client/queries.js';
import { CHANNELS } from '../../../shared/enums.js';
import { isoDay, type Filters } from './api.js';

const browserTz = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Report filters live in the URL (shareable, back button works). Default: the last 30 days in the browser's zone. */
export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [sp, setSp] = useSearchParams();
  const today = new Date();
  const f: Filters = {
    from: sp.get('from') ?? isoDay(new Date(today.getTime() - 29 * 86_400_000)),
    to: sp.get('to') ?? isoDay(today),
    tz: sp.get('tz') ?? browserTz(),
    brand_id: sp.get('brand_id') ?? undefined,
    team_id: sp.get('team_id') ?? undefined,
    channel: sp.get('channel') ?? undefined,
  };
  const set = (patch: Partial<Filters>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSp(next, { replace: true });
  };
  return [f, set];
}

export function FiltersBar({ f, set }: { f: Filters; set(p: Partial<Filters>): void }) {
  const brands = useBrands().data?.data ?? [];
  const teams = useTeams().data?.data ?? [];
  const preset = (days: number) => set({ from: isoDay(new Date(Date.now() - (days - 1) * 86_400_000)), to: isoDay(new Date()) });
  return (
    <form className="report-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      <div className="btn-group" role="group" aria-label="Range presets">
        {[7, 30, 90].map((d) => (
          <button key={d} type="button" className="btn btn-small" onClick={() => preset(d)}>
            {d} days
          </button>
        ))}
      </div>
      <label className="inline-field"><span>From</span><input type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} /></label>
      <label className="inline-field"><span>To</span><input type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} /></label>
      <label className="inline-field"><span>Brand</span>
        <select value={f.brand_id ?? ''} onChange={(e) => set({ brand_id: e.target.value })}>
          <option value="">All</option>
          {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
      </label>
      <label className="inline-field"><span>Team</span>
        <select value={f.team_id ?? ''} onChange={(e) => set({ team_id: e.target.value })}>
          <option value="">All</option>
          <option value="none">No team</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label className="inline-field"><span>Channel</span>
        <select value={f.channel ?? ''} onChange={(e) => set({ channel: e.target.value })}>
          <option value="">All</option>
          {CHANNELS.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <span className="muted small">Time zone: {f.tz}</span>
    </form>
  );
}
