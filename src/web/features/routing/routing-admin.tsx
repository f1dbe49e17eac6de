import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { EditDialog, Field } from '../admin/admin-form.js';
import { api, putPresence, rkeys, useRoutingAgents, useTeamRouting, type RoutingAgent, type TeamRouting } from './routing-api.js';

const METHOD: Record<string, string> = { manual: 'Manual', round_robin: 'Round-robin', least_loaded: 'Least loaded' };
const CAP_CHANNELS = ['chat', 'email', 'phone', 'social', '*'] as const;

/** Admin → Routing (the app wraps it in the admin shell): per-team routing settings, and agents' skills, capacity per channel and presence. */
export function RoutingAdmin() {
  const teams = useTeamRouting();
  const agents = useRoutingAgents();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<RoutingAgent | null>(null);
  const saveTeam = useMutation({
    mutationFn: (v: { id: string } & Partial<TeamRouting>) => api.patch(`/api/v1/routing/teams/${v.id}`, { method: v.method, use_skills: v.use_skills, skill_fallback_seconds: v.skill_fallback_seconds }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: rkeys.teams }),
  });
  const presence = useMutation({
    mutationFn: (v: { id: string; status: string }) => putPresence(v.status, v.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['routing'] }),
  });
  return (
    <>
      <h2 className="section-title">Teams</h2>
      <p className="hint">Auto-routed teams hand each new unassigned ticket to an online member with room on that channel. With skills on, a ticket first waits for an agent with its language, market and product skills; after the fall-back wait any online member may take it.</p>
      {teams.isPending ? <Loading /> : teams.error ? <ErrorBox error={teams.error} /> : (
        <table className="admin-table">
          <thead>
            <tr><th scope="col">Team</th><th scope="col">Method</th><th scope="col">Skills</th><th scope="col">Fall-back after (min)</th><th scope="col">Online / members</th><th scope="col">Waiting</th></tr>
          </thead>
          <tbody>
            {teams.data.data.map((t) => (
              <tr key={t.team_id}>
                <td>{t.name}</td>
                <td>
                  <select aria-label={`Routing method for ${t.name}`} value={t.method} onChange={(e) => saveTeam.mutate({ id: t.team_id, method: e.target.value as TeamRouting['method'] })}>
                    {Object.entries(METHOD).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                  </select>
                </td>
                <td><input type="checkbox" aria-label={`Use skills for ${t.name}`} checked={t.use_skills} onChange={(e) => saveTeam.mutate({ id: t.team_id, use_skills: e.target.checked })} /></td>
                <td>
                  <input type="number" min={0} max={10080} className="num-input" aria-label={`Skill fall-back for ${t.name} in minutes`} defaultValue={Math.round(t.skill_fallback_seconds / 60)}
                    onBlur={(e) => { const m = Number(e.target.value); if (Number.isInteger(m) && m * 60 !== t.skill_fallback_seconds) saveTeam.mutate({ id: t.team_id, skill_fallback_seconds: m * 60 }); }} />
                </td>
                <td>{t.online} / {t.members}</td>
                <td>{t.queued}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {saveTeam.error ? <p className="alert alert-error" role="alert">{errorText(saveTeam.error)}</p> : null}
      <h2 className="section-title">Agents</h2>
      {agents.isPending ? <Loading /> : agents.error ? <ErrorBox error={agents.error} /> : (
        <table className="admin-table">
          <thead>
            <tr><th scope="col">Agent</th><th scope="col">Presence</th><th scope="col">Skills</th><th scope="col">Capacity (open tickets)</th><th scope="col">Load</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {agents.data.data.map((a) => (
              <tr key={a.user_id}>
                <td>{a.name}</td>
                <td>
                  <select aria-label={`Presence of ${a.name}`} value={a.presence} onChange={(e) => presence.mutate({ id: a.user_id, status: e.target.value })}>
                    <option value="online">Online</option><option value="away">Away</option><option value="offline">Offline</option>
                  </select>
                </td>
                <td>{a.skills.map((s) => <span key={s} className="tag">{s}</span>)}{a.skills.length === 0 && <span className="muted">none</span>}</td>
                <td>{Object.entries(a.capacity).map(([c, n]) => `${c === '*' ? 'other' : c} ${n}`).join(' · ') || <span className="muted">unlimited</span>}</td>
                <td>{Object.entries(a.load).map(([c, n]) => `${c} ${n}`).join(' · ') || <span className="muted">0</span>}</td>
                <td className="row-actions"><button type="button" className="btn btn-small" onClick={() => setEditing(a)}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {presence.error ? <p className="alert alert-error" role="alert">{errorText(presence.error)}</p> : null}
      {editing && <AgentDialog agent={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function AgentDialog({ agent, onClose }: { agent: RoutingAgent; onClose(): void }) {
  const qc = useQueryClient();
  const [skills, setSkills] = useState(agent.skills.join(', '));
  const [cap, setCap] = useState<Record<string, string>>(Object.fromEntries(CAP_CHANNELS.map((c) => [c, agent.capacity[c]?.toString() ?? ''])));
  const save = useMutation({
    mutationFn: () => api.patch(`/api/v1/routing/agents/${agent.user_id}`, {
      skills: skills.split(',').map((s) => s.trim()).filter(Boolean),
      capacity: Object.fromEntries(CAP_CHANNELS.map((c) => [c, cap[c].trim() === '' ? null : Number(cap[c])])),
    }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rkeys.agents });
      onClose();
    },
  });
  return (
    <EditDialog title={`Routing for ${agent.name}`} onClose={onClose} onSubmit={() => save.mutate()} save={save}>
      <Field label="Skills (comma-separated: language:de, market:IE, product:payouts)">
        <input value={skills} onChange={(e) => setSkills(e.target.value)} />
      </Field>
      <fieldset className="form-row">
        <legend>Most open tickets at once, per channel (empty = no limit; “other” covers channels without their own limit)</legend>
        {CAP_CHANNELS.map((c) => (
          <label key={c} className="field">
            <span>{c === '*' ? 'other' : c}</span>
            <input type="number" min={0} max={1000} value={cap[c]} onChange={(e) => setCap({ ...cap, [c]: e.target.value })} />
          </label>
        ))}
      </fieldset>
    </EditDialog>
  );
}
