import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EditDialog, Field } from '../admin/admin-form.js';
import { api, rkeys, useEscalationTargets, type Escalation } from './routing-api.js';

/** Escalate to another team: pick the team, say why, fill what that team requires. */
export function EscalateDialog({ ticketId, onClose }: { ticketId: string; onClose(): void }) {
  const targets = useEscalationTargets().data?.data ?? [];
  const qc = useQueryClient();
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const target = targets.find((t) => t.team_id === teamId);
  const save = useMutation({
    mutationFn: () => {
      const values = Object.fromEntries(
        (target?.required_fields ?? []).map((f) => [f.key, f.type === 'number' && fields[f.key] !== '' ? Number(fields[f.key]) : fields[f.key] ?? '']),
      );
      return api.post<Escalation>(`/api/v1/tickets/${ticketId}/escalations`, { team_id: teamId, reason, fields: values });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rkeys.escalations(ticketId) });
      onClose();
    },
  });
  return (
    <EditDialog title="Escalate to another team" onClose={onClose} onSubmit={() => save.mutate()} save={save} submitLabel="Escalate">
      <Field label="Team">
        <select required value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">Choose…</option>
          {targets.map((t) => (
            <option key={t.team_id} value={t.team_id}>{t.name} ({t.kind})</option>
          ))}
        </select>
      </Field>
      {target && (
        <p className="hint">
          {target.response_minutes ? `Answer within ${target.response_minutes} min` : 'No answer target'}
          {target.resolution_minutes ? `, resolution within ${Math.round(target.resolution_minutes / 60)} h` : ''}. You stay the owner; the team's collaborators see this ticket and answer with internal notes.
        </p>
      )}
      <Field label="Reason">
        <textarea required rows={3} maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {target?.required_fields.map((f) => (
        <Field key={f.key} label={`${f.label} (required)`}>
          {f.type === 'select' ? (
            <select required value={fields[f.key] ?? ''} onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })}>
              <option value="">Choose…</option>
              {f.options?.map((o) => (
                <option key={o} value={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input required type={f.type === 'number' ? 'number' : f.type === 'url' ? 'url' : 'text'} value={fields[f.key] ?? ''} onChange={(e) => setFields({ ...fields, [f.key]: e.target.value })} />
          )}
        </Field>
      ))}
    </EditDialog>
  );
}
