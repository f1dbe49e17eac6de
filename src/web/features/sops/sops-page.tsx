import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { api, sopKeys, useSops } from './api.js';
import { YamlEditor } from './yaml-editor.js';

const TEMPLATE = `key: my-sop
name: My SOP
owner: Support Ops
purpose: What this procedure is for
applies_when:
  tags_any: [example]
steps:
  - id: check
    type: checklist
    title: Check
    required: true
    items: [First thing to check]
tests:
  - name: checks
    ticket: { tags: [example] }
    inputs: { check: done }
    expect: { steps: [check], status: completed }
`;

/** SOPs: the list (status of each version, runs) and "New SOP" from YAML. */
export function SopsPage() {
  const sops = useSops();
  const [creating, setCreating] = useState(false);
  const [yaml, setYaml] = useState(TEMPLATE);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => api.post<{ sop: { id: string } }>('/api/v1/sops', { yaml }),
    onSuccess: (out) => {
      void qc.invalidateQueries({ queryKey: sopKeys.list });
      void navigate(`/sops/${out.sop.id}`);
    },
  });
  return (
    <div className="page sops-page">
      <div className="page-head">
        <h1>Standard operating procedures</h1>
        <button type="button" className="btn btn-primary" onClick={() => setCreating((c) => !c)}>{creating ? 'Cancel' : 'New SOP'}</button>
      </div>
      {creating && (
        <section className="panel">
          <YamlEditor value={yaml} onChange={setYaml} />
          <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => create.mutate()}>Create draft</button>
          <ErrorBox error={create.error} />
        </section>
      )}
      {sops.isPending ? <Loading /> : <ErrorBox error={sops.error} onRetry={() => void sops.refetch()} />}
      {sops.data && (
        <table className="admin-table">
          <thead><tr><th>SOP</th><th>Owner</th><th>Versions</th><th>Tickets</th></tr></thead>
          <tbody>
            {sops.data.data.map((s) => (
              <tr key={s.id}>
                <td><Link to={`/sops/${s.id}`}>{s.name}</Link><div className="muted small">{s.purpose}</div></td>
                <td>{s.owner}</td>
                <td>{s.versions.map((v) => <span key={v.id} className={`badge sop-v-${v.status}`}>v{v.number} {v.status.replace('_', ' ')}</span>)}</td>
                <td>{s.runs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
