import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../api-client/client.js';
import { useMe } from '../auth/session.js';
import { putPresence, rkeys, usePresence } from './routing-api.js';

const LABEL: Record<string, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/** The top bar's presence switch: online agents get tickets routed to them; away/offline ones don't. */
export function PresenceSwitch() {
  const me = useMe();
  const qc = useQueryClient();
  const presence = usePresence();
  const save = useMutation({ mutationFn: (s: string) => putPresence(s), onSuccess: (p) => qc.setQueryData(rkeys.presence, p) });
  if (!['admin', 'supervisor', 'agent'].includes(me.role)) return null;
  const status = save.isPending ? save.variables : presence.data?.status ?? 'offline';
  return (
    <label className={`presence presence-${status}`} title={save.error ? errorText(save.error) : 'Your availability for ticket routing'}>
      <span className="dot" aria-hidden="true" />
      <span className="sr-only">Presence</span>
      <select value={status} onChange={(e) => save.mutate(e.target.value)} disabled={presence.isPending}>
        {Object.entries(LABEL).map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </label>
  );
}
