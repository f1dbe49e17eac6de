import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { useSession } from '../auth/session.js';
import { EditDialog, Field } from '../admin/admin-form.js';
import { api, rkeys, useProblems, type ProblemDetail } from './routing-api.js';

/** Problems / incidents: one cause, many tickets. */
export function ProblemsPage() {
  const list = useProblems();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  return (
    <section className="main-pane" aria-labelledby="problems-title">
      <header className="pane-head">
        <h1 id="problems-title">Problems</h1>
        <span className="spacer" />
        {can('tickets.write') && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New problem</button>}
      </header>
      <p className="hint">Link the tickets an incident or bug causes, keep every customer updated with one message, and solve them all together.</p>
      {list.isPending ? <Loading /> : list.error ? <ErrorBox error={list.error} /> : (
        <table className="admin-table">
          <thead>
            <tr><th scope="col">Problem</th><th scope="col">Status</th><th scope="col">Tickets</th><th scope="col">Open</th><th scope="col" className="col-time">Updated</th></tr>
          </thead>
          <tbody>
            {list.data.data.map((p) => (
              <tr key={p.id}>
                <td><Link to={`/problems/${p.id}`}>{p.title}</Link></td>
                <td><span className="badge">{p.status}</span></td>
                <td>{p.ticket_count}</td>
                <td>{p.open_ticket_count}</td>
                <td className="col-time">{shortTime(p.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data?.data.length === 0 && <p className="muted">No problems yet.</p>}
      {creating && <CreateProblem onClose={() => setCreating(false)} />}
    </section>
  );
}

function CreateProblem({ onClose }: { onClose(): void }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const save = useMutation({
    mutationFn: () => api.post<ProblemDetail>('/api/v1/problems', { title, description }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: rkeys.problems });
      navigate(`/problems/${p.id}`);
    },
  });
  return (
    <EditDialog title="New problem" onClose={onClose} onSubmit={() => save.mutate()} save={save} submitLabel="Create">
      <Field label="Title"><input required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} /></Field>
      <Field label="Description"><textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
    </EditDialog>
  );
}
